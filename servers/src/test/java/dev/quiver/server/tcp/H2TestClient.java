package dev.quiver.server.tcp;

import dev.quiver.server.loop.ServerTransport;
import dev.quiver.server.tls.SelfSignedCertificate;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A frame-level HTTP/2 test client (h2c with prior knowledge, or TLS with ALPN h2) that records
 * what the server does per stream: status, body bytes, RST_STREAM code, GOAWAY, connection loss.
 * All connection state is touched on the client's event loop only.
 */
final class H2TestClient implements AutoCloseable {

    /** How one exchange ended. {@code resetCode} is -1 unless the server reset the stream. */
    record Result(int streamId, int status, long bodyBytes, String body, long resetCode, boolean connectionLost,
                  boolean endStream) {
        boolean completed() {
            return endStream && resetCode < 0 && !connectionLost;
        }
    }

    /** A sent request: its stream id and how it ends. */
    record Exchange(int streamId, CompletableFuture<Result> result) {
    }

    record GoAway(int lastStreamId, long errorCode) {
    }

    private static final class StreamRecord {
        final CompletableFuture<Result> future = new CompletableFuture<>();
        int status;
        long bytes;
        final StringBuilder body = new StringBuilder();
    }

    final CompletableFuture<Http2Settings> remoteSettings = new CompletableFuture<>();
    final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Every frame type the client saw, in order (for wire-order assertions). */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private final EventLoopGroup group;
    private final Channel channel;
    private final Http2ConnectionHandler handler;
    private final ChannelHandlerContext ctx;
    private final boolean tls;
    private final int port;
    private final Map<Integer, StreamRecord> streams = new HashMap<>();

    private H2TestClient(int port, SslContext ssl) throws Exception {
        this.port = port;
        this.tls = ssl != null;
        this.group = ServerTransport.best().newGroup(1, "h2-test-client");
        this.handler = new Http2ConnectionHandlerBuilder()
                .server(false)
                .frameListener(new Listener())
                .build();
        handler.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                finish(stream.id(), -1, true);
            }
        });
        try {
            channel = new Bootstrap().group(group).channel(ServerTransport.best().socketChannel())
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc(), "127.0.0.1", port));
                            }
                            ch.pipeline().addLast("h2", handler);
                            ch.pipeline().addLast("quiet-close", new ChannelInboundHandlerAdapter() {
                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    // Servers under fault injection reset connections; that is data, not noise.
                                    ctx.close();
                                }
                            });
                        }
                    })
                    .connect("127.0.0.1", port).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
            throw e;
        }
        ctx = channel.pipeline().context(handler);
        channel.closeFuture().addListener(f -> channel.eventLoop().execute(() -> {
            for (Integer id : List.copyOf(streams.keySet())) {
                finish(id, -1, true);
            }
            closed.complete(null);
        }));
    }

    static H2TestClient h2c(int port) throws Exception {
        return new H2TestClient(port, null);
    }

    static H2TestClient tls(int port, SelfSignedCertificate trusted) throws Exception {
        SslContext ssl = SslContextBuilder.forClient()
                .trustManager(trusted.certificate())
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        return new H2TestClient(port, ssl);
    }

    Exchange get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** Sends a request (with a body if {@code body != null}) and returns once its frames are flushed. */
    Exchange send(String method, String path, byte[] body) throws Exception {
        return channel.eventLoop().submit(() -> {
            int id = handler.connection().local().incrementAndGetNextStreamId();
            StreamRecord record = new StreamRecord();
            streams.put(id, record);
            Http2Headers headers = new DefaultHttp2Headers()
                    .method(method).path(path).scheme(tls ? "https" : "http").authority("127.0.0.1:" + port);
            handler.encoder().writeHeaders(ctx, id, headers, 0, body == null, ctx.newPromise())
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            finish(id, -1, true);
                        }
                    });
            if (body != null) {
                ByteBuf data = Unpooled.wrappedBuffer(body);
                handler.encoder().writeData(ctx, id, data, 0, true, ctx.newPromise());
            }
            handler.flush(ctx);
            return new Exchange(id, record.future);
        }).get(5, TimeUnit.SECONDS);
    }

    /** Cancels a stream from the client side (RST_STREAM CANCEL), as a client timeout would. */
    void cancel(int streamId) throws Exception {
        channel.eventLoop().submit(() -> {
            finish(streamId, Http2Error.CANCEL.code(), false);
            handler.resetStream(ctx, streamId, Http2Error.CANCEL.code(), ctx.newPromise());
            handler.flush(ctx);
        }).get(5, TimeUnit.SECONDS);
    }

    /** Stops (or restarts) reading the connection: the server runs out of the client's window. */
    void readPaused(boolean paused) {
        channel.config().setAutoRead(!paused);
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1000);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
    }

    private void finish(int streamId, long resetCode, boolean lost) {
        StreamRecord r = streams.remove(streamId);
        if (r != null) {
            r.future.complete(new Result(streamId, r.status, r.bytes, r.body.toString(), resetCode, lost, false));
        }
    }

    private void complete(int streamId) {
        StreamRecord r = streams.remove(streamId);
        if (r != null) {
            r.future.complete(new Result(streamId, r.status, r.bytes, r.body.toString(), -1, false, true));
        }
    }

    private final class Listener extends Http2FrameAdapter {
        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            events.add("SETTINGS");
            remoteSettings.complete(settings);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) {
            events.add("HEADERS " + streamId);
            StreamRecord r = streams.get(streamId);
            if (r != null && headers.status() != null) {
                r.status = Integer.parseInt(headers.status().toString());
            }
            if (endOfStream) {
                complete(streamId);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers,
                                  int streamDependency, short weight, boolean exclusive, int padding,
                                  boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
                              boolean endOfStream) {
            int n = data.readableBytes();
            StreamRecord r = streams.get(streamId);
            if (r != null) {
                r.bytes += n;
                if (r.body.length() < 1024) {
                    r.body.append(data.toString(StandardCharsets.UTF_8));
                }
            }
            if (endOfStream) {
                events.add("DATA(end) " + streamId);
                complete(streamId);
            }
            return n + padding;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            events.add("RST_STREAM " + streamId);
            finish(streamId, errorCode, false);
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            events.add("GOAWAY " + lastStreamId);
            goAway.complete(new GoAway(lastStreamId, errorCode));
        }
    }
}
