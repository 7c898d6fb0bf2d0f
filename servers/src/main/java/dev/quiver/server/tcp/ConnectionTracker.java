package dev.quiver.server.tcp;

import dev.quiver.server.fault.InjectedLeaks;
import dev.quiver.server.metrics.ServerCounters;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;

/**
 * First handler of every accepted connection: counts it and keeps it in the server's channel
 * group so {@link EmbeddedServer#close()} can close it. The group forgets closed channels by
 * itself, so it only ever holds open connections.
 */
@Sharable
final class ConnectionTracker extends ChannelInboundHandlerAdapter {

    static final String NAME = "connections";

    private final ServerCounters stats;
    private final ChannelGroup channels;
    private final InjectedLeaks leaks;

    ConnectionTracker(ServerCounters stats, ChannelGroup channels, InjectedLeaks leaks) {
        this.stats = stats;
        this.channels = channels;
        this.leaks = leaks;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stats.connectionOpened();
        channels.add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stats.connectionClosed();
        // The handlers hold the connection's state (TLS engine, HTTP/2 stream map, codecs); Netty
        // drops them from the pipeline once the channel is deregistered, so keep them now.
        leaks.connectionClosed(ctx.pipeline().toMap());
        ctx.fireChannelInactive();
    }
}
