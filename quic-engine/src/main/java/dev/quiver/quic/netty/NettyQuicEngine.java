package dev.quiver.quic.netty;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.LoopThreads;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.http3.ControlFrames;
import dev.quiver.http3.udp.SegmentFallback;
import dev.quiver.quic.udp.ReceiveBuffer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.quic.QLogConfiguration;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Netty HTTP/3 engine: Netty's QUIC codec (quiche) with quiver's own HTTP/3 on its raw streams
 * ({@link Http3ClientConnection}); one event loop group for UDP, one TLS context, and per connection one
 * UDP channel carrying one QUIC connection. A channel of its own per connection keeps a connection's
 * packets on one event loop and lets the kernel spread the load by source port.
 */
final class NettyQuicEngine implements Engine {

    /** quiche's default is no idle timeout at all; the peer's (Caddy: 30 s) usually wins anyway. */
    private static final long IDLE_TIMEOUT_SECONDS = 30;
    /** The unidirectional streams a server may open: control, QPACK encoder and decoder, and some to spare. */
    private static final int SERVER_UNI_STREAMS = 16;

    /**
     * The requests a connection carries before it retires and a new one takes over. quiche, as
     * Netty's native QUIC (4.2.18) ships it, keeps the id of every stream a connection has had, in a
     * hash set that only grows: 9-18 bytes a stream, so one connection at 100k requests a second grew
     * by 36 MB, then by 72 MB, within 75 s. 2^18 requests keep it under 5 MB a connection, for one
     * handshake every 2.6 s at that rate.
     */
    static final long STREAMS_PER_CONNECTION = 1 << 18;

    private final EngineConfig config;
    private final long streamsPerConnection;
    private final StreamTracker tracker;
    private final UdpTransport transport = UdpTransport.best();
    private final LoopThreads loops = new LoopThreads();
    private final EventLoopGroup group;
    private final QuicSslContext tls;
    private final QuicClientCodecBuilder codec;
    private final RequestMessages messages;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final SegmentFallback segmentFallback = new SegmentFallback();
    /** The qlog files this engine's connections write: at most {@code --qlog-max}. */
    private final List<Path> qlogs = new ArrayList<>();

    NettyQuicEngine(EngineConfig config, StreamTracker tracker) {
        this(config, tracker, STREAMS_PER_CONNECTION);
    }

    /** @param streamsPerConnection requests a connection carries before it retires (tests use fewer) */
    NettyQuicEngine(EngineConfig config, StreamTracker tracker, long streamsPerConnection) {
        try {
            Quic.ensureAvailability();
        } catch (Throwable t) {
            throw new IllegalStateException("HTTP/3 with --engine netty needs Netty's native QUIC library "
                    + "(linux-x86_64 only), which could not be loaded: " + t.getMessage()
                    + "; try --engine kwik", t);
        }
        this.config = config;
        this.streamsPerConnection = streamsPerConnection;
        this.tracker = tracker;
        this.messages = new RequestMessages(config);
        this.tls = QuicClientTls.context(config.insecure());
        this.codec = new QuicClientCodecBuilder()
                .sslContext(tls)
                .sslEngineProvider(QuicClientTls.engines(tls, config.target().host(), config.target().port()))
                .maxIdleTimeout(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .initialMaxData(16L << 20)
                .initialMaxStreamDataBidirectionalLocal(1L << 20)
                .initialMaxStreamDataBidirectionalRemote(1L << 20)
                // The server opens no bidirectional streams to a client (no push in quiver).
                .initialMaxStreamsBidirectional(0)
                // Its control and QPACK streams (RFC 9114, 6.2), and a few it may open to grease:
                // read and dropped, they give their credit back as they are read.
                .initialMaxStreamsUnidirectional(SERVER_UNI_STREAMS)
                .initialMaxStreamDataUnidirectional(ControlFrames.MAX_SETTINGS_BYTES);
        this.group = transport.newGroup(Math.max(1, config.ioThreads()), "quiver-quic", loops);
    }

    @Override
    public void connect(ConnectionEvents events) {
        long start = System.nanoTime();
        InetSocketAddress remote = new InetSocketAddress(config.target().host(), config.target().port());
        if (remote.isUnresolved()) {
            events.onConnectFailed(ErrorCategory.connect("unknown host"), new UnknownHostException(config.target().host()));
            return;
        }
        ChannelHandler quicCodec = codec.build();
        // In front of the codec: the QUIC version on the wire and a Retry, which quiche does not report.
        LongHeaderWatch watch = new LongHeaderWatch();
        ChannelFuture bind;
        try {
            bind = new Bootstrap().group(group).channel(transport.datagramChannel())
                    .option(ChannelOption.SO_RCVBUF, ReceiveBuffer.BYTES)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("gso-fallback", segmentFallback).addLast("quic-long-headers", watch).addLast("quic-codec", quicCodec);
                        }
                    })
                    .bind(0);
        } catch (RuntimeException e) {
            events.onConnectFailed(ErrorCategory.connect("cannot open a UDP socket"), e);
            return;
        }
        bind.addListener((ChannelFuture b) -> {
            if (!b.isSuccess()) {
                events.onConnectFailed(ErrorCategory.connect("cannot open a UDP socket"), b.cause());
                return;
            }
            Channel udp = b.channel();
            channels.add(udp);
            handshake(udp, watch, remote, start, events);
        });
    }

    private void handshake(Channel udp, LongHeaderWatch watch, InetSocketAddress remote, long start, ConnectionEvents events) {
        Http3ClientConnection[] holder = new Http3ClientConnection[1];
        var bootstrap = QuicChannel.newBootstrap(udp);
        bootstrap.option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, transport.segments());
        Path qlog = config.qlog().claim("netty");
        if (qlog != null) {
            // A file path (a directory would make Netty pick the name). quiche writes as it goes and
            // flushes when the connection is freed; close() rewrites the file for qvis then.
            Path raw = QuicheQlog.rawFile(qlog);
            synchronized (qlogs) {
                qlogs.add(qlog);
            }
            bootstrap.option(QuicChannelOption.QLOG, new QLogConfiguration(raw.toString(), "quiver",
                    "quiver netty engine (quiche) to " + remote.getHostString() + ":" + remote.getPort()));
        }
        bootstrap
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel quic) {
                        Http3ClientConnection c = new Http3ClientConnection(quic, udp, watch, config, messages, tracker, events, start,
                                streamsPerConnection);
                        holder[0] = c;
                        quic.pipeline().addLast(new QuicConnectionEventHandler(c));
                    }
                })
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .remoteAddress(remote)
                .connect()
                .addListener(f -> {
                    Http3ClientConnection c = holder[0];
                    if (f.isSuccess() && c != null) {
                        c.onHandshakeComplete();
                    } else if (c != null) {
                        c.onConnectFailed(f.cause());
                    } else {
                        events.onConnectFailed(QuicConnectFailures.category(f.cause(), null), f.cause());
                        udp.close();
                    }
                });
    }

    @Override
    public LoopThreads loopThreads() {
        return loops;
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        // Every connection is freed now, so quiche has written its files to the end.
        List<Path> files;
        synchronized (qlogs) {
            files = List.copyOf(qlogs);
        }
        files.forEach(QuicheQlog::rewrite);
    }
}
