package dev.quiver.quic.netty.interop;

import dev.quiver.quic.netty.LongHeaderWatch;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3GoAwayFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.codec.quic.SslEarlyDataReadyEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/3 connection of an interop case: its own UDP channel (with the {@link LongHeaderWatch}
 * in front of the QUIC codec) and QUIC channel, and what it saw: GOAWAY, stream limit raises,
 * and a request sent as 0-RTT when asked to.
 */
final class InteropQuicConnection implements AutoCloseable {

    private final NettyInteropClient client;
    final Channel udp;
    final LongHeaderWatch watch;
    final QuicChannel quic;
    private final AtomicLong goawayId = new AtomicLong(-1);
    private final AtomicInteger limitChanges = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    /** The response to the request sent as 0-RTT, or null when none was sent. */
    private volatile CompletableFuture<H3Response> earlyResponse;

    private InteropQuicConnection(NettyInteropClient client, Channel udp, LongHeaderWatch watch, QuicChannel quic) {
        this.client = client;
        this.udp = udp;
        this.watch = watch;
        this.quic = quic;
    }

    /**
     * Connects; with {@code earlyPath} set, a GET for it is sent as soon as 0-RTT keys are ready
     * (a resumed session whose server allows early data), before the handshake completes.
     */
    static InteropQuicConnection open(NettyInteropClient client, Channel udp, LongHeaderWatch watch, String earlyPath,
                                      long timeoutMillis, java.nio.file.Path qlog) throws Exception {
        InteropQuicConnection[] holder = new InteropQuicConnection[1];
        var bootstrap = QuicChannel.newBootstrap(udp);
        if (qlog != null) {
            bootstrap.option(io.netty.handler.codec.quic.QuicChannelOption.QLOG,
                    new io.netty.handler.codec.quic.QLogConfiguration(qlog.toString(), "quiver interop", "quiver interop, netty engine"));
        }
        Future<QuicChannel> connect = bootstrap
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel ch) {
                        InteropQuicConnection c = new InteropQuicConnection(client, udp, watch, ch);
                        holder[0] = c;
                        ch.pipeline().addLast(new Http3ClientConnectionHandler(c.new GoawayWatch(), null, null, null, true));
                        ch.pipeline().addLast(c.new ConnectionEvents(earlyPath));
                    }
                })
                .remoteAddress(client.remote())
                .connect();
        if (!connect.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            udp.close();
            throw new IOException("QUIC handshake not done within " + timeoutMillis + " ms");
        }
        if (!connect.isSuccess()) {
            udp.close();
            throw new IOException("QUIC handshake failed: " + connect.cause(), connect.cause());
        }
        return holder[0];
    }

    /** The GOAWAY id the server sent, or -1. */
    long goawayId() {
        return goawayId.get();
    }

    /** How often quiche reported a change of the peer's stream limit (MAX_STREAMS). */
    int streamLimitChanges() {
        return limitChanges.get();
    }

    /** The most request streams this connection had open at once. */
    int maxOpenStreams() {
        return maxOpen.get();
    }

    CompletableFuture<H3Response> earlyResponse() {
        return earlyResponse;
    }

    /** Bidirectional streams the server lets this client open now (read on the event loop). */
    long streamsLeft() throws Exception {
        return quic.eventLoop().submit(() -> quic.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL)).get(5, TimeUnit.SECONDS);
    }

    /** A GET for {@code path}, sent at once; the stream must be creatable (credit left). */
    CompletableFuture<H3Response> get(String path) {
        ResponseCollector collector = new ResponseCollector();
        quic.eventLoop().execute(() -> send(path, collector));
        return collector.response;
    }

    /**
     * A GET for {@code path} as soon as the server's stream credit allows one: never more streams
     * than the server's MAX_STREAMS allows.
     */
    CompletableFuture<H3Response> getWithinCredit(String path) {
        ResponseCollector collector = new ResponseCollector();
        quic.eventLoop().execute(() -> sendWithinCredit(path, collector));
        return collector.response;
    }

    private void sendWithinCredit(String path, ResponseCollector collector) {
        if (!quic.isActive()) {
            collector.response.completeExceptionally(new IOException("connection closed"));
        } else if (quic.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) > 0) {
            send(path, collector);
        } else {
            quic.eventLoop().schedule(() -> sendWithinCredit(path, collector), 2, TimeUnit.MILLISECONDS);
        }
    }

    private void send(String path, ResponseCollector collector) {
        Http3.newRequestStream(quic, collector).addListener((Future<QuicStreamChannel> f) -> {
            if (!f.isSuccess()) {
                collector.response.completeExceptionally(new IOException("stream not created: " + f.cause(), f.cause()));
                return;
            }
            QuicStreamChannel stream = f.getNow();
            int now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            collector.response.whenComplete((r, e) -> open.decrementAndGet());
            Http3Headers h = new DefaultHttp3Headers(false);
            h.method("GET").scheme("https").authority(client.authority()).path(path).set("user-agent", "quiver-interop");
            stream.write(new DefaultHttp3HeadersFrame(h));
            stream.shutdownOutput();
            stream.flush();
        });
    }

    @Override
    public void close() {
        if (quic.isActive()) {
            quic.close(true, Http3ErrorCode.H3_NO_ERROR.code(), Unpooled.EMPTY_BUFFER).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        udp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /** On the server's control stream: remembers GOAWAY. */
    private final class GoawayWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http3GoAwayFrame g) {
                    goawayId.set(g.id());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** On the QUIC channel: stream limit changes, and 0-RTT readiness. */
    private final class ConnectionEvents extends ChannelInboundHandlerAdapter {
        private final String earlyPath;

        ConnectionEvents(String earlyPath) {
            this.earlyPath = earlyPath;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof QuicStreamLimitChangedEvent) {
                limitChanges.incrementAndGet();
            } else if (evt instanceof SslEarlyDataReadyEvent && earlyPath != null && earlyResponse == null) {
                ResponseCollector collector = new ResponseCollector();
                earlyResponse = collector.response;
                // The event comes from inside quiche's send loop, which would keep the request queued
                // until after the handshake; a task of its own flushes it as 0-RTT.
                ctx.channel().eventLoop().execute(() -> send(earlyPath, collector));
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
