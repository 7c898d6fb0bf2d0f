package dev.quiver.quic.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3GoAwayFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits on the peer's control stream, behind Netty's validation: hands GOAWAY to the connection.
 * SETTINGS need nothing from us (the codec applies them).
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
}
