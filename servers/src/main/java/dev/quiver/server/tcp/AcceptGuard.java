package dev.quiver.server.tcp;

import dev.quiver.server.loop.DescriptorExhaustion;
import dev.quiver.server.metrics.ServerCounters;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * First handler of a listener, ahead of Netty's acceptor: keeps the listener alive when accept()
 * fails, above all for want of file descriptors. It stops accepting for a pause that doubles
 * while the failures go on (from {@value #MIN_PAUSE_MILLIS} ms to {@value #MAX_PAUSE_MILLIS} ms)
 * and starts again by itself, so the listener resumes as soon as descriptors come back; out of
 * descriptors it also closes the connections waiting in the kernel's queue ({@link DescriptorReserve}).
 * Every failure is counted ({@link ServerCounters#acceptFailed}) and goes no further: Netty's
 * acceptor would pause for a fixed second and pass it on to the end of the pipeline, which logs a
 * warning per failure, thousands a second in a flood, and logging is what needs a descriptor.
 *
 * <p>One instance per listener; confined to its event loop.
 */
final class AcceptGuard extends ChannelInboundHandlerAdapter {

    static final long MIN_PAUSE_MILLIS = 10;
    static final long MAX_PAUSE_MILLIS = 1000;
    /** Waiting connections closed per failure at most; the kernel's queue holds up to the backlog. */
    static final int SHED_PER_FAILURE = 4096;

    private final ServerCounters stats;
    private DescriptorReserve reserve;
    private long pauseMillis = MIN_PAUSE_MILLIS;
    private boolean paused;

    AcceptGuard(ServerCounters stats) {
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        reserve = new DescriptorReserve();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reserve.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object child) {
        pauseMillis = MIN_PAUSE_MILLIS; // accepting works: the next failure starts with a short pause
        ctx.fireChannelRead(child);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.acceptFailed(cause);
        if (DescriptorExhaustion.is(cause)) {
            int shed = reserve.shed(ctx.channel(), SHED_PER_FAILURE);
            if (shed > 0) {
                stats.connectionsShed(shed);
            }
        }
        if (!paused && ctx.channel().isOpen()) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> resume(ctx), pauseMillis, TimeUnit.MILLISECONDS);
            pauseMillis = Math.min(2 * pauseMillis, MAX_PAUSE_MILLIS);
        }
    }

    private void resume(ChannelHandlerContext ctx) {
        paused = false;
        if (ctx.channel().isOpen()) {
            ctx.channel().config().setAutoRead(true); // also reads (accepts) what waits now
        }
    }

    /** The pause the next failure will start; for tests. */
    long nextPauseMillis() {
        return pauseMillis;
    }
}
