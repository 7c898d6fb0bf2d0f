package dev.quiver.h2.client;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.LoopThreads;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.h2.client.connect.ClientTls;
import dev.quiver.h2.client.connect.ConnectFailures;
import dev.quiver.h2.client.connect.SetupFailure;
import dev.quiver.h2.client.http1.Http1ClientConnection;
import dev.quiver.h2.client.http1.Http1Requests;
import dev.quiver.h2.client.http2.Http2ClientConnection;
import dev.quiver.h2.client.http2.Http2Requests;
import dev.quiver.h2.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The TCP engine: opens connections (TCP, then TLS with ALPN when the URL is https), and puts
 * the HTTP/1.1 or HTTP/2 connection on the channel that the handshake settled on.
 */
final class NettyTcpEngine implements Engine {

    private final EngineConfig config;
    private final StreamTracker tracker;
    private final LoopThreads loops = new LoopThreads();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext tls;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** The HTTP/1.1 bytes of the run's requests, made by the first HTTP/1.1 connection (an HTTP/2 run needs none). */
    private Http1Requests http1;
    /** The HTTP/2 header blocks and bodies of the run's requests, made by the first HTTP/2 connection. */
    private Http2Requests http2;

    NettyTcpEngine(EngineConfig config, StreamTracker tracker) {
        this.config = config;
        this.tracker = tracker;
        Transport transport = Transport.best();
        this.group = transport.newGroup(Math.max(1, config.ioThreads()), "quiver-io", loops, config.busyPoll());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Handlers go on after connect, once TLS and ALPN have chosen the protocol.
                    }
                });
        try {
            this.tls = config.target().tls() ? ClientTls.context(config.protocol(), config.insecure()) : null;
        } catch (SSLException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public void connect(ConnectionEvents events) {
        long start = System.nanoTime();
        ChannelFuture f;
        try {
            f = bootstrap.connect(config.target().host(), config.target().port());
        } catch (RuntimeException e) {
            events.onConnectFailed(ConnectFailures.category(e), e);
            return;
        }
        f.addListener((ChannelFuture cf) -> {
            if (!cf.isSuccess()) {
                events.onConnectFailed(ConnectFailures.category(cf.cause()), cf.cause());
                return;
            }
            long connectNanos = System.nanoTime() - start;
            Channel ch = cf.channel();
            channels.add(ch);
            if (tls == null) {
                Protocol p = config.protocol() == Protocol.HTTP_2 ? Protocol.HTTP_2 : Protocol.HTTP_1_1;
                open(ch, p, "", new HandshakeTimes(connectNanos, -1, -1), events);
            } else {
                handshake(ch, connectNanos, events);
            }
        });
    }

    private void handshake(Channel ch, long connectNanos, ConnectionEvents events) {
        long start = System.nanoTime();
        SslHandler ssl = tls.newHandler(ch.alloc(), config.target().host(), config.target().port());
        ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
        SetupFailure setup = new SetupFailure();
        ch.pipeline().addLast("tls", ssl).addLast("setup-failure", setup);
        ssl.handshakeFuture().addListener(hf -> {
            if (!hf.isSuccess()) {
                events.onConnectFailed(setup.category(hf.cause()), hf.cause());
                ch.close();
                return;
            }
            if (ch.pipeline().context(setup) != null) {
                ch.pipeline().remove(setup);
            }
            String alpn = ssl.applicationProtocol();
            Protocol chosen = ApplicationProtocolNames.HTTP_2.equals(alpn) ? Protocol.HTTP_2 : Protocol.HTTP_1_1;
            if (config.protocol() != null && config.protocol() != chosen) {
                events.onConnectFailed(ErrorCategory.alpn("server did not agree to " + config.protocol().displayName()
                        + " (selected " + (alpn == null ? "nothing" : alpn) + ")"), null);
                ch.close();
                return;
            }
            HandshakeTimes times = new HandshakeTimes(connectNanos, System.nanoTime() - start, -1);
            open(ch, chosen, alpn == null ? "" : alpn, times, events);
        });
    }

    private void open(Channel ch, Protocol protocol, String alpn, HandshakeTimes times, ConnectionEvents events) {
        if (!ch.isActive()) {
            events.onConnectFailed(ErrorCategory.connect("closed by peer during set-up"), null);
            return;
        }
        if (protocol == Protocol.HTTP_2) {
            new Http2ClientConnection(ch, config, http2Requests(), tracker, events, alpn, times);
        } else {
            new Http1ClientConnection(ch, config, http1Requests(), tracker, events, alpn, times).ready();
        }
    }

    private synchronized Http1Requests http1Requests() {
        if (http1 == null) {
            http1 = new Http1Requests(config);
        }
        return http1;
    }

    private synchronized Http2Requests http2Requests() {
        if (http2 == null) {
            http2 = new Http2Requests(config);
        }
        return http2;
    }

    @Override
    public LoopThreads loopThreads() {
        return loops;
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
