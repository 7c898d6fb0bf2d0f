package dev.quiver.h2.server;

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

    private final ServerStats stats;
    private final ChannelGroup channels;

    ConnectionTracker(ServerStats stats, ChannelGroup channels) {
        this.stats = stats;
        this.channels = channels;
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
        ctx.fireChannelInactive();
    }
}
