package dev.quiver.h2.client.connect;

import dev.quiver.core.engine.SocketErrors;
import dev.quiver.core.error.ErrorCategory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits at the end of a connection's pipeline while TLS is set up: an error the TLS handler passes
 * on (a reset by the peer, a record that is not TLS) is kept as the reason of the failed
 * handshake instead of reaching the pipeline's tail, where Netty logs it with a stack trace.
 * Removed once the handshake is over; the protocol's own handlers take errors from then on.
 */
public final class SetupFailure extends ChannelInboundHandlerAdapter {

    private Throwable cause;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (this.cause == null) {
            this.cause = cause;
        }
        ctx.close();
    }

    /** The category of a failed handshake: from the error seen during set-up when there was one, else from the handshake's own. */
    public String category(Throwable handshakeFailure) {
        if (cause == null) {
            return ConnectFailures.category(handshakeFailure);
        }
        String os = SocketErrors.describe(cause);
        if (os != null) {
            return ErrorCategory.tls(os + " during the handshake");
        }
        return ConnectFailures.category(cause);
    }
}
