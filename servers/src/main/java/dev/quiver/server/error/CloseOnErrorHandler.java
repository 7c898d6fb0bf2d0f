package dev.quiver.server.error;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.IOException;

/**
 * Last handler of every TCP connection and of every QUIC stream: an exception that nobody handled
 * closes the channel instead of reaching Netty's pipeline tail, which prints a stack trace. I/O
 * and TLS errors are logged at debug only: under load peers reset connections all the time (that
 * is what a load tester's timeouts and a fault-injecting server provoke) and a warning per
 * connection would drown everything else. Anything else is a bug here and is logged as a warning.
 */
@Sharable
public final class CloseOnErrorHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "close-on-error";
    public static final CloseOnErrorHandler INSTANCE = new CloseOnErrorHandler();

    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(CloseOnErrorHandler.class);

    private CloseOnErrorHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isRoutine(cause)) {
            LOG.debug("{} closing after I/O error", ctx.channel(), cause);
        } else {
            LOG.warn("{} closing after unexpected error", ctx.channel(), cause);
        }
        ctx.close();
    }

    private static boolean isRoutine(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException) { // includes SSLException and Netty's native I/O errors
                return true;
            }
        }
        return false;
    }
}
