package dev.quiver.core.time;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A {@link Timer} on one daemon thread of its own. */
final class SystemTimer implements Timer {

    private static final Cancellable DROPPED = () -> { };

    private final ScheduledThreadPoolExecutor executor;

    SystemTimer(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        // A cancelled back-off or response leaves the queue at once, not when its time would have come.
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: dropped, as documented
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        try {
            ScheduledFuture<?> f = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return DROPPED;
        }
    }

    @Override
    public void scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos) {
        try {
            executor.scheduleAtFixedRate(task, initialDelayNanos, periodNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    @Override
    public void scheduleWithFixedDelay(Runnable task, long initialDelayNanos, long delayNanos) {
        try {
            executor.scheduleWithFixedDelay(task, initialDelayNanos, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
