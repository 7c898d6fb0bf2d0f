package dev.quiver.quic.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3Exception;

/**
 * Last on every stream the server opens (control, QPACK, unknown types), behind Netty's HTTP/3
 * codec: takes the errors raised there, which would otherwise reach the end of the stream's
 * pipeline and be logged as a stack trace. An {@link Http3Exception} is the server breaking HTTP/3,
 * a connection error the codec closes the connection for; anything else (a stream the server opened
 * as the connection closed) needs nothing, since the connection's own end tells why.
 */
@ChannelHandler.Sharable
final class PeerStreamErrors extends ChannelInboundHandlerAdapter {

    private final Http3ClientConnection connection;

    PeerStreamErrors(Http3ClientConnection connection) {
        this.connection = connection;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http3Exception error) {
            connection.onConnectionError(error);
        }
    }
}
