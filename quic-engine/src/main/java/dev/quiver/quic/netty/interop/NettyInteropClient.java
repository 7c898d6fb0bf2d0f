package dev.quiver.quic.netty.interop;

import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropSettings;
import dev.quiver.quic.netty.LongHeaderWatch;
import dev.quiver.quic.netty.QuicClientTls;
import dev.quiver.quic.netty.QuicheQlog;
import dev.quiver.quic.udp.ReceiveBuffer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Netty QUIC client of one interop case: one event loop, one TLS context (so that a second
 * connection can resume the first one's session), and the transport parameters the case asks for.
 */
final class NettyInteropClient implements InteropClient {

    private final InteropSettings settings;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("quiver-interop-netty", true), NioIoHandler.newFactory());
    private final QuicSslContext tls;
    private final long initialMaxData;
    private final long initialMaxStreamData;
    private final InetSocketAddress remote;
    /** The qlog files of this client's connections ({@code --qlog}), rewritten for qvis in {@link #close}. */
    private final List<Path> qlogs = new CopyOnWriteArrayList<>();

    /**
     * @param initialMaxData the connection's receive window (initial_max_data)
     * @param initialMaxStreamData each request stream's receive window
     */
    NettyInteropClient(InteropSettings settings, boolean earlyData, long initialMaxData, long initialMaxStreamData) {
        this.settings = settings;
        this.tls = QuicClientTls.context(settings.insecure(), earlyData);
        this.initialMaxData = initialMaxData;
        this.initialMaxStreamData = initialMaxStreamData;
        this.remote = new InetSocketAddress(settings.target().host(), settings.target().port());
    }

    InetSocketAddress remote() {
        return remote;
    }

    String authority() {
        return settings.target().authority();
    }

    /** A new connection on a UDP socket of its own. */
    @Override
    public InteropQuicConnection connectEarly(String earlyPath) throws Exception {
        QuicClientCodecBuilder codec = Http3.newQuicClientCodecBuilder()
                .sslContext(tls)
                .sslEngineProvider(QuicClientTls.engines(tls, settings.target().host(), settings.target().port()))
                .maxIdleTimeout(settings.caseTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(initialMaxData)
                .initialMaxStreamDataBidirectionalLocal(initialMaxStreamData)
                .initialMaxStreamDataBidirectionalRemote(initialMaxStreamData)
                .initialMaxStreamsBidirectional(0);
        LongHeaderWatch watch = new LongHeaderWatch();
        Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, ReceiveBuffer.BYTES)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(watch, codec.build());
                    }
                })
                .bind(0).sync().channel();
        Path qlog = settings.claimQlog("netty");
        if (qlog != null) {
            qlogs.add(qlog);
        }
        return InteropQuicConnection.open(this, udp, watch, earlyPath, settings.caseTimeout().toMillis(),
                qlog == null ? null : QuicheQlog.rawFile(qlog));
    }

    @Override
    public InteropQuicConnection connect() throws Exception {
        return connectEarly(null);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        qlogs.forEach(QuicheQlog::rewrite); // every connection is freed: quiche wrote its files to the end
    }
}
