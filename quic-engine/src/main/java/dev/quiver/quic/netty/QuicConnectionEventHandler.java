package dev.quiver.quic.netty;

import dev.quiver.core.error.ErrorCategory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import dev.quiver.http3.H3Error;
import dev.quiver.http3.PeerStreamType;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.QuicStreamType;

/**
 * On the QUIC channel: passes the connection-level events (peer's CONNECTION_CLOSE, new stream
 * credit, the end of the channel) to the connection, and gives every stream the server opens its
 * {@link ServerStreamHandler}.
 */
final class QuicConnectionEventHandler extends ChannelInboundHandlerAdapter {

    private final Http3ClientConnection connection;
    private final PeerStreamType.Seen serverStreams = new PeerStreamType.Seen();

    QuicConnectionEventHandler(Http3ClientConnection connection) {
        this.connection = connection;
    }

    /**
     * A stream the server opened: its handler goes in before Netty registers it (at the end of this
     * pipeline). This client allows the server no bidirectional streams (RFC 9114, 6.1).
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof QuicStreamChannel stream) {
            if (stream.type() == QuicStreamType.BIDIRECTIONAL) {
                // Registered all the same, and closed with the connection.
                connection.onConnectionError(H3Error.H3_STREAM_CREATION_ERROR, "server-initiated bidirectional stream");
            } else {
                stream.pipeline().addLast(new ServerStreamHandler(connection, serverStreams));
            }
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
        connection.noteLoss(ErrorCategory.connectionLost(cause.getClass().getSimpleName()));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onClosed();
        ctx.fireChannelInactive();
    }
}
