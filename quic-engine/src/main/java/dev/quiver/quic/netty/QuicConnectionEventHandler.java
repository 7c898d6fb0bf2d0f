package dev.quiver.quic.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.SslEarlyDataReadyEvent;

/**
 * On the QUIC channel, behind the HTTP/3 connection handler: passes the connection-level events
 * (peer's CONNECTION_CLOSE, new stream credit, early data, the end of the channel) to the connection.
 */
final class QuicConnectionEventHandler extends ChannelInboundHandlerAdapter {

    private final Http3ClientConnection connection;

    QuicConnectionEventHandler(Http3ClientConnection connection) {
        this.connection = connection;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof QuicConnectionCloseEvent close) {
            connection.onPeerClose(close);
        } else if (evt instanceof QuicStreamLimitChangedEvent) {
            connection.onStreamLimitChanged();
        } else if (evt instanceof SslEarlyDataReadyEvent) {
            connection.onEarlyDataReady();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.noteLoss("connection_lost: " + cause.getClass().getSimpleName());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onClosed();
        ctx.fireChannelInactive();
    }
}
