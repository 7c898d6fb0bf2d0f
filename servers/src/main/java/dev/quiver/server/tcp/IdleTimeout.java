package dev.quiver.server.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Closes a connection that has sent nothing for the idle timeout while none of its requests was
 * being answered: a client that went away without a word (half-open), one that connected and never
 * spoke, or one that stopped halfway through a request head, would otherwise hold its descriptor
 * for as long as the server runs, and enough of them leave none for anyone else. A request being
 * answered (a delay, a long body, a stalled request the fault switch keeps) keeps the connection,
 * whatever the time: the protocol installed says so through {@link #busyWhen}. The close goes
 * through the whole pipeline, so HTTP/2 sends its GOAWAY and TLS its close_notify first.
 *
 * <p>One instance per connection, right after the {@link ConnectionTracker}; confined to its event loop.
 */
final class IdleTimeout extends ChannelInboundHandlerAdapter {

    static final String NAME = "idle-timeout";

    private final long timeoutNanos;
    private BooleanSupplier busy = () -> false;
    private long lastActivityNanos;
    private ScheduledFuture<?> check;

    /** @param timeoutMillis the idle time allowed, > 0 */
    IdleTimeout(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** From now on the connection is not idle while {@code busy} says a request is being answered. */
    void busyWhen(BooleanSupplier busy) {
        this.busy = busy;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivityNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void start(ChannelHandlerContext ctx) {
        if (check == null) {
            lastActivityNanos = System.nanoTime();
            schedule(ctx, timeoutNanos);
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = System.nanoTime();
        if (busy.getAsBoolean()) {
            lastActivityNanos = now; // idle time counts from the last check that found an answer under way
        }
        long idle = now - lastActivityNanos;
        if (idle >= timeoutNanos) {
            check = null;
            ctx.channel().close();
        } else {
            schedule(ctx, timeoutNanos - idle);
        }
    }

    private void stop() {
        ScheduledFuture<?> c = check;
        if (c != null) {
            check = null;
            c.cancel(false);
        }
    }
}
