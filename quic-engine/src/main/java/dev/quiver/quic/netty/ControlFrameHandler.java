package dev.quiver.quic.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3Exception;
import io.netty.handler.codec.http3.Http3GoAwayFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits on the peer's control stream, behind Netty's validation: hands GOAWAY to the connection, and
 * the errors Netty's validation raises (a GOAWAY id that rises or names no request stream) as
 * connection errors. SETTINGS need nothing from us (the codec applies them).
 */
final class ControlFrameHandler extends ChannelInboundHandlerAdapter {

    private final Http3ClientConnection connection;

    ControlFrameHandler(Http3ClientConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http3GoAwayFrame goaway) {
                connection.onGoaway(goaway.id());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http3Exception error) {
            connection.onConnectionError(error);
        }
        // Anything else: the connection is closing under its control stream; its own end tells why.
    }
}
