package dev.quiver.quic.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Exception;
import io.netty.handler.codec.http3.Http3GoAwayFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicException;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/3 client on Netty's QUIC codec for the server tests: one QUIC connection,
 * certificate not checked, and what the server did to it recorded as futures.
 */
final class Http3TestClient implements AutoCloseable {

    /** How one request ended. {@code resetCode} is the RESET_STREAM code, or -1. */
    record Response(int status, long bytes, boolean completed, long resetCode, String error) {
    }

    private final EventLoopGroup group;
    private final Channel udp;
    private final QuicChannel connection;
    /** The id of the first GOAWAY the server sent. */
    final CompletableFuture<Long> goAway = new CompletableFuture<>();
    /** The server's CONNECTION_CLOSE, if it sent one. */
    final CompletableFuture<QuicConnectionCloseEvent> closeEvent = new CompletableFuture<>();
    /** Completes with whether the connection ended by idle timeout, once it ended. */
    final CompletableFuture<Boolean> closedTimedOut = new CompletableFuture<>();

    private Http3TestClient(EventLoopGroup group, Channel udp, QuicChannel connection) {
        this.group = group;
        this.udp = udp;
        this.connection = connection;
    }

    static Http3TestClient connect(int port, Duration idleTimeout) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            QuicSslContext ssl = QuicSslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .applicationProtocols(Http3.supportedApplicationProtocols())
                    .build();
            Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(Http3.newQuicClientCodecBuilder()
                            .sslContext(ssl)
                            .maxIdleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .initialMaxData(10_000_000)
                            .initialMaxStreamDataBidirectionalLocal(1_000_000)
                            .build())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            CompletableFuture<Long> goAway = new CompletableFuture<>();
            CompletableFuture<QuicConnectionCloseEvent> closeEvent = new CompletableFuture<>();
            QuicChannel connection = QuicChannel.newBootstrap(udp)
                    .handler(new ChannelInitializer<QuicChannel>() {
                        @Override
                        protected void initChannel(QuicChannel ch) {
                            ch.pipeline().addLast(new Http3ClientConnectionHandler(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    if (msg instanceof Http3GoAwayFrame frame) {
                                        goAway.complete(frame.id());
                                    }
                                    ReferenceCountUtil.release(msg);
                                }
                            }, null, null, null, true));
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                    if (evt instanceof QuicConnectionCloseEvent close) {
                                        closeEvent.complete(close);
                                    }
                                    ctx.fireUserEventTriggered(evt);
                                }
                            });
                        }
                    })
                    .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
                    .remoteAddress(new InetSocketAddress("127.0.0.1", port))
                    .connect().get(5, TimeUnit.SECONDS);
            Http3TestClient client = new Http3TestClient(group, udp, connection);
            goAway.thenAccept(client.goAway::complete);
            closeEvent.thenAccept(client.closeEvent::complete);
            connection.closeFuture().addListener(f -> client.closedTimedOut.complete(connection.isTimedOut()));
            return client;
        } catch (Exception e) {
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** quiche's counters of this connection (packets sent, received, lost...). */
    String stats() throws Exception {
        return connection.collectStats().get(2, TimeUnit.SECONDS).toString();
    }

    /** initial_max_streams_bidi the server advertised. */
    long initialMaxStreamsBidi() {
        return connection.peerTransportParameters().initialMaxStreamsBidi();
    }

    /** Sends {@code GET path} on a new request stream. */
    CompletableFuture<Response> get(String path) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        Future<QuicStreamChannel> created = Http3.newRequestStream(connection, new ResponseReader(result));
        created.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(new Response(0, 0, false, -1, "stream: " + f.cause()));
                return;
            }
            QuicStreamChannel stream = created.getNow();
            Http3HeadersFrame headers = new DefaultHttp3HeadersFrame();
            headers.headers().method("GET").path(path).authority("localhost").scheme("https");
            stream.writeAndFlush(headers).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        });
        return result;
    }

    @Override
    public void close() {
        connection.close().awaitUninterruptibly(1000);
        udp.close().awaitUninterruptibly(1000);
        group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
    }

    /** Counts what arrives on one request stream and completes the response when it ends. */
    private static final class ResponseReader extends Http3RequestStreamInboundHandler {
        private final CompletableFuture<Response> result;
        private int status;
        private long bytes;

        ResponseReader(CompletableFuture<Response> result) {
            this.result = result;
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
            CharSequence s = frame.headers().status();
            if (s != null && status == 0) {
                status = Integer.parseInt(s.toString());
            }
            ReferenceCountUtil.release(frame);
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
            bytes += frame.content().readableBytes();
            frame.release();
        }

        @Override
        protected void channelInputClosed(ChannelHandlerContext ctx) {
            result.complete(new Response(status, bytes, true, -1, null));
            ctx.close();
        }

        @Override
        protected void handleQuicException(ChannelHandlerContext ctx, QuicException e) {
            long code = e instanceof QuicStreamResetException reset ? reset.applicationProtocolCode() : -1;
            result.complete(new Response(status, bytes, false, code, e.toString()));
            ctx.close();
        }

        @Override
        protected void handleHttp3Exception(ChannelHandlerContext ctx, Http3Exception e) {
            result.complete(new Response(status, bytes, false, -1, e.toString()));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.complete(new Response(status, bytes, false, -1, "stream closed"));
            ctx.fireChannelInactive();
        }
    }
}
