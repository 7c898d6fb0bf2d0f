package dev.quiver.server.h3;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
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
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
    /** The request stream {@link #get} opened last. */
    volatile QuicStreamChannel lastStream;
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

    /**
     * Waits until the server's MAX_STREAMS lets this client open another request stream. Netty
     * burns a stream id on every attempt, even one refused for lack of credit, so attempting
     * without credit would push later ids past any credit the server grants.
     */
    boolean awaitStreamCredit(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (connection.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) <= 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** initial_max_streams_bidi the server advertised. */
    long initialMaxStreamsBidi() {
        return connection.peerTransportParameters().initialMaxStreamsBidi();
    }

    /** Sends {@code GET path} on a new request stream. */
    CompletableFuture<Response> get(String path) {
        return get(path, null, false);
    }

    /**
     * Sends {@code GET path} on a new request stream, keeping the body in {@code body} if not null;
     * with {@code paused} the stream reads nothing until {@link #resumeReading}, so the server
     * runs out of the stream's credit.
     */
    CompletableFuture<Response> get(String path, java.io.ByteArrayOutputStream body, boolean paused) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        Future<QuicStreamChannel> created = Http3.newRequestStream(connection, new ResponseReader(result, body));
        created.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(new Response(0, 0, false, -1, "stream: " + f.cause()));
                return;
            }
            QuicStreamChannel stream = created.getNow();
            lastStream = stream;
            if (paused) {
                stream.config().setAutoRead(false);
            }
            Http3HeadersFrame headers = new DefaultHttp3HeadersFrame();
            headers.headers().method("GET").path(path).authority("localhost").scheme("https");
            stream.writeAndFlush(headers).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        });
        return result;
    }

    /** Lets the stream {@link #get} opened last read again. */
    void resumeReading() {
        lastStream.config().setAutoRead(true);
    }

    /**
     * Sends {@code GET path} as raw bytes on a plain QUIC stream, bypassing Netty's HTTP/3 client
     * (which refuses to send after a GOAWAY). Completes with the RESET_STREAM code the server
     * answers with, or -1 if the stream ends otherwise.
     */
    CompletableFuture<Long> rawGetAfterGoAway(String path) {
        return raw(headersFrame(path));
    }

    /**
     * Sends {@code bytes} and the FIN on a new request stream, as they are (a request Netty's
     * HTTP/3 client would not send). Completes with the RESET_STREAM code the server answers with,
     * or -1 if the stream ends otherwise.
     */
    CompletableFuture<Long> raw(byte[] bytes) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        connection.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                result.complete(cause instanceof QuicStreamResetException reset ? reset.applicationProtocolCode() : -1L);
                ctx.close();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                result.complete(-1L);
            }
        }).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            QuicStreamChannel stream = (QuicStreamChannel) f.getNow();
            stream.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        });
        return result;
    }

    /**
     * An HTTP/3 HEADERS frame with a QPACK block using only the static table: :method GET (17),
     * :scheme https (23), :authority (0, literal "localhost") and :path as a literal on :path (1).
     */
    private static byte[] headersFrame(String path) {
        byte[] p = path.getBytes(StandardCharsets.US_ASCII);
        byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
        if (p.length > 127 || p.length + host.length + 8 > 63) {
            throw new IllegalArgumentException("path too long for this tiny encoder");
        }
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        block.write(0x00); // required insert count 0
        block.write(0x00); // base 0
        block.write(0xC0 | 17); // indexed static :method GET
        block.write(0xC0 | 23); // indexed static :scheme https
        block.write(0x50);      // literal with static name reference 0 (:authority)
        block.write(host.length);
        block.writeBytes(host);
        block.write(0x51);      // literal with static name reference 1 (:path)
        block.write(p.length);
        block.writeBytes(p);
        byte[] b = block.toByteArray();
        byte[] frame = new byte[2 + b.length];
        frame[0] = 0x01; // HEADERS
        frame[1] = (byte) b.length; // varint, < 64
        System.arraycopy(b, 0, frame, 2, b.length);
        return frame;
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
        private final java.io.ByteArrayOutputStream body;
        private int status;
        private long bytes;

        ResponseReader(CompletableFuture<Response> result, java.io.ByteArrayOutputStream body) {
            this.result = result;
            this.body = body;
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
            if (body != null) {
                byte[] chunk = new byte[frame.content().readableBytes()];
                frame.content().getBytes(frame.content().readerIndex(), chunk);
                body.writeBytes(chunk);
            }
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
