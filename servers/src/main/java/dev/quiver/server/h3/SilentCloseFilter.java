package dev.quiver.server.h3;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits in the UDP channel's pipeline between the socket and the QUIC codec, and lets
 * {@link #closeSilently} drop a QUIC connection without the client hearing of it.
 *
 * <p>Netty has no "close without CONNECTION_CLOSE": {@code QuicChannel.close()} always asks
 * quiche to close and writes the resulting packets to the UDP channel. Those writes happen
 * synchronously inside {@code close()} when it is called on the event loop, so muting this
 * filter for exactly that call discards this connection's last packets and nothing else. After
 * the close the codec has forgotten the connection IDs and drops the client's later packets
 * (no stateless reset is sent either), so the client sees silence until its idle timeout: as if
 * the server had lost its state.
 */
final class SilentCloseFilter extends ChannelOutboundHandlerAdapter {

    /** True only during {@link #closeSilently}; touched on the UDP channel's event loop only. */
    private boolean muted;

    /**
     * Closes {@code connection} without sending anything. Must be called on its event loop,
     * which is the event loop of the UDP channel this filter belongs to.
     */
    void closeSilently(QuicChannel connection) {
        if (!connection.eventLoop().inEventLoop()) {
            throw new IllegalStateException("closeSilently must run on the connection's event loop");
        }
        muted = true;
        try {
            connection.close();
        } finally {
            muted = false;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (muted) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        ctx.write(msg, promise);
    }
}
