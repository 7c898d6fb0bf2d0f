package dev.quiver.interop.hostile;

import dev.quiver.server.tls.SelfSignedCertificate;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/3 server on Netty's QUIC codec (127.0.0.1, ephemeral UDP port, self-signed certificate)
 * whose request streams are answered by one hostile {@link Behaviour}. Everything runs on one
 * event-loop thread, so the behaviours' randomness needs no locking. Bounded: 100 concurrent
 * streams per connection, 10 s idle timeout; {@link #close()} closes every connection and the socket.
 */
final class QuicHostileServer implements HostileUdpServer {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();

    /** What the server does with one request stream once the request has arrived (on the event loop). */
    interface Behaviour {
        void onRequest(ChannelHandlerContext ctx, QuicStreamChannel stream, SplittableRandom random);

        /** The stream may take more data again (for behaviours that write without end). */
        default void onWritable(ChannelHandlerContext ctx, QuicStreamChannel stream) {
        }
    }

    private final String name;
    private final Behaviour behaviour;
    private final EventLoopGroup group;
    private final Channel channel;
    private final ChannelGroup connections = new DefaultChannelGroup("hostile-h3", ImmediateEventExecutor.INSTANCE);
    private final AtomicLong requests = new AtomicLong();
    private final long seed = System.nanoTime();
    private final SplittableRandom random = new SplittableRandom(seed);

    QuicHostileServer(String name, Behaviour behaviour) throws InterruptedException {
        this.name = name;
        this.behaviour = behaviour;
        QuicSslContext tls = QuicSslContextBuilder.forServer(CERTIFICATE.privateKey(), null, CERTIFICATE.certificate())
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
                        connections.add(quic);
                        quic.pipeline().addLast(new Http3ServerConnectionHandler(new ChannelInitializer<QuicStreamChannel>() {
                            @Override
                            protected void initChannel(QuicStreamChannel stream) {
                                stream.pipeline().addLast(new RequestStream());
                            }
                        }));
                    }
                }).build();
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public String url() {
        return "https://127.0.0.1:" + port() + "/";
    }

    /** Requests that reached a behaviour: proof that quiver got through the handshake. */
    @Override
    public long reached() {
        return requests.get();
    }

    /** Reads the request, hands it to the behaviour once it is complete. */
    private final class RequestStream extends Http3RequestStreamInboundHandler {
        /** Writability changes before the request is complete are none of the behaviour's business. */
        private boolean answering;

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
            ReferenceCountUtil.release(frame);
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
            frame.release();
        }

        @Override
        protected void channelInputClosed(ChannelHandlerContext ctx) {
            requests.incrementAndGet();
            answering = true;
            behaviour.onRequest(ctx, (QuicStreamChannel) ctx.channel(), random);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (answering && ctx.channel().isWritable()) {
                behaviour.onWritable(ctx, (QuicStreamChannel) ctx.channel());
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The client reset or stopped the stream, or the connection went: nothing to answer, nothing to log.
            ctx.close();
        }
    }

    @Override
    public void close() {
        connections.close().awaitUninterruptibly(1_000);
        channel.close().awaitUninterruptibly(2_000);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3_000);
    }

    @Override
    public String toString() {
        return name + " on UDP 127.0.0.1:" + port() + " (seed " + seed + ")";
    }
}
