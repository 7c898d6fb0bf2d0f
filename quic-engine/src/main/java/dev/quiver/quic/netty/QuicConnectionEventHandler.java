package dev.quiver.quic.netty;

import dev.quiver.core.error.ErrorCategory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3Exception;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;

/**
 * On the QUIC channel, behind the HTTP/3 connection handler: passes the connection-level events
 * (peer's CONNECTION_CLOSE, new stream credit, the end of the channel) to the connection,
 * and puts {@link PeerStreamErrors} last on every stream the server opens.
 */
final class QuicConnectionEventHandler extends ChannelInboundHandlerAdapter {

    private final Http3ClientConnection connection;
    private final PeerStreamErrors peerStreamErrors;

    QuicConnectionEventHandler(Http3ClientConnection connection) {
        this.connection = connection;
        this.peerStreamErrors = new PeerStreamErrors(connection);
    }

    /** A stream the server opened, its HTTP/3 handlers in place: ours goes last, before it is registered. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof QuicStreamChannel stream) {
            stream.pipeline().addLast(peerStreamErrors);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof QuicConnectionCloseEvent close) {
            connection.onPeerClose(close);
        } else if (evt instanceof QuicStreamLimitChangedEvent) {
            connection.onStreamLimitChanged();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http3Exception error) {
            connection.onConnectionError(error); // the codec closes the connection with its code
            return;
        }
        connection.noteLoss(ErrorCategory.connectionLost(cause.getClass().getSimpleName()));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onClosed();
        ctx.fireChannelInactive();
    }
}
