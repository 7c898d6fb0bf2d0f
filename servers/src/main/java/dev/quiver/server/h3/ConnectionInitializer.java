package dev.quiver.server.h3;

import dev.quiver.server.error.CloseOnErrorHandler;
import dev.quiver.server.route.Routes;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.quic.QuicChannel;

/**
 * Sets up each accepted QUIC connection: counts it, keeps it in the server's group so
 * {@link Http3EmbeddedServer#close()} can close it, and installs quiver's HTTP/3 on raw QUIC
 * streams ({@link Http3ConnectionHandler}) sharing the connection's {@link ConnectionState}.
 */
final class ConnectionInitializer extends ChannelInitializer<QuicChannel> {

    private final Http3ServerConfig config;
    private final Http3ServerStats stats;
    private final ChannelGroup connections;
    private final Routes routes;

    ConnectionInitializer(Http3ServerConfig config, Http3ServerStats stats, ChannelGroup connections) {
        this.config = config;
        this.routes = config.routes();
        this.stats = stats;
        this.connections = connections;
    }

    @Override
    protected void initChannel(QuicChannel channel) {
        stats.connectionOpened();
        SilentCloseFilter filter = channel.parent().pipeline().get(SilentCloseFilter.class);
        ConnectionState state = new ConnectionState(channel, config, stats, filter);
        channel.closeFuture().addListener(f -> {
            stats.connectionClosed();
            config.leaks().connectionClosed(java.util.List.of(channel, state));
        });
        connections.add(channel);
        channel.pipeline().addLast(new Http3ConnectionHandler(state, routes, config.leaks().streams()));
        channel.pipeline().addLast(CloseOnErrorHandler.NAME, CloseOnErrorHandler.INSTANCE);
    }
}
