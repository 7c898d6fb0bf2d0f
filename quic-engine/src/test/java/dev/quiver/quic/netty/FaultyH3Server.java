package dev.quiver.quic.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3GoAwayFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A small HTTP/3 server on Netty's codec that misbehaves on purpose, for the fault paths Caddy
 * cannot be made to take. The request path picks the fault: {@code /reset/N}, {@code /reject/N},
 * {@code /goaway/N}, {@code /badgoaway/N}, {@code /close/N} and {@code /stall/N} apply it to every
 * N-th request; any other path answers {@code ok}.
 */
final class FaultyH3Server implements AutoCloseable {

    private final Path dir;
    private final EventLoopGroup group;
    private final Channel channel;
    private final AtomicLong requests = new AtomicLong();

    private FaultyH3Server(Path dir) throws Exception {
        this.dir = dir;
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make a test certificate: " + Files.readString(dir.resolve("openssl.log")));
        }
        QuicSslContext tls = QuicSslContextBuilder.forServer(key.toFile(), null, cert.toFile())
                .applicationProtocols(Http3.supportedApplicationProtocols()).build();
        ChannelHandler codec = Http3.newQuicServerCodecBuilder()
                .sslContext(tls)
                .maxIdleTimeout(10, TimeUnit.SECONDS)
                .initialMaxData(10_000_000)
                .initialMaxStreamDataBidirectionalLocal(1_000_000)
                .initialMaxStreamDataBidirectionalRemote(1_000_000)
                .initialMaxStreamsBidirectional(100)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel quic) {
                        quic.pipeline().addLast(new Http3ServerConnectionHandler(new ChannelInitializer<QuicStreamChannel>() {
                            @Override
                            protected void initChannel(QuicStreamChannel stream) {
                                stream.pipeline().addLast(new Responder());
                            }
                        }));
                    }
                }).build();
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    static FaultyH3Server start() throws Exception {
        Path dir = Files.createTempDirectory("quiver-h3-faults");
        try {
            return new FaultyH3Server(dir);
        } catch (Exception | Error e) {
            delete(dir);
            throw e;
        }
    }

    String url(String path) {
        return "https://localhost:" + ((InetSocketAddress) channel.localAddress()).getPort() + path;
    }

    /** Answers every request, except that the path's fault hits every N-th one. */
    private final class Responder extends Http3RequestStreamInboundHandler {
        private String path = "/";

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
            path = String.valueOf(frame.headers().path());
            ReferenceCountUtil.release(frame);
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
            frame.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Streams of a connection the fault just closed: nothing to answer, nothing to log.
            ctx.close();
        }

        @Override
        protected void channelInputClosed(ChannelHandlerContext ctx) {
            QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
            String[] parts = path.split("/");
            long n = requests.incrementAndGet();
            boolean hit = parts.length == 3 && n % Long.parseLong(parts[2]) == 0;
            String fault = hit ? parts[1] : "";
            switch (fault) {
                case "reset" -> {
                    stream.shutdownOutput(Http3ErrorCode.H3_INTERNAL_ERROR.code());
                    return;
                }
                case "reject" -> {
                    stream.shutdownOutput(Http3ErrorCode.H3_REQUEST_REJECTED.code());
                    return;
                }
                case "close" -> {
                    stream.parent().close(true, Http3ErrorCode.H3_INTERNAL_ERROR.code(),
                            Unpooled.copiedBuffer("fault injected", CharsetUtil.US_ASCII));
                    return;
                }
                case "stall" -> {
                    return; // never answers
                }
                case "goaway" -> {
                    // Streams after this one were never processed, as far as the client must assume.
                    Http3.getLocalControlStream(stream.parent()).writeAndFlush(new DefaultHttp3GoAwayFrame(stream.streamId() + 4));
                }
                case "badgoaway" -> {
                    // A GOAWAY naming no client request stream (id not a multiple of 4), which RFC 9114
                    // makes a connection error: written raw past the codec, which refuses to send it.
                    ByteBuf frame = Unpooled.buffer(3).writeByte(0x07).writeByte(0x01).writeByte(0x01);
                    Http3.getLocalControlStream(stream.parent()).pipeline().firstContext().writeAndFlush(frame);
                }
                default -> {
                }
            }
            Http3HeadersFrame headers = new DefaultHttp3HeadersFrame();
            headers.headers().status("200");
            ctx.write(headers);
            ctx.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.copiedBuffer("ok", CharsetUtil.US_ASCII)))
                    .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
