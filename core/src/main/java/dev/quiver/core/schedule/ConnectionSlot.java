package dev.quiver.core.schedule;

import java.util.concurrent.TimeUnit;

/**
 * One of the {@code -c} connections the run keeps up: a virtual user. It opens a connection,
 * opens a replacement when the peer drains it (GOAWAY) or loses it, and backs off when
 * connecting keeps failing.
 */
final class ConnectionSlot {

    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Scheduler scheduler;
    private final int index;
    private volatile Lane current;
    private int consecutiveFailures;

    ConnectionSlot(Scheduler scheduler, int index) {
        this.scheduler = scheduler;
        this.index = index;
    }

    int index() {
        return index;
    }

    Lane current() {
        return current;
    }

    /** Opens this slot's next connection (now, or after a back-off when connects keep failing). */
    synchronized void connect() {
        if (scheduler.isStopping()) {
            return;
        }
        Lane lane = new Lane(scheduler, this);
        current = lane;
        scheduler.connect(lane);
    }

    synchronized void onReady(Lane lane) {
        consecutiveFailures = 0;
        scheduler.preflightDone(null);
    }

    synchronized void onConnectFailed(Lane lane, String category, Throwable cause) {
        scheduler.onConnectFailed(lane, category, cause);
        if (lane != current || scheduler.isStopping()) {
            return;
        }
        consecutiveFailures++;
        long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(10, consecutiveFailures - 1));
        scheduler.later(this::connect, backoff);
    }

    synchronized void onDraining(Lane lane) {
        if (lane == current) {
            connect(); // the draining connection finishes its streams beside the new one
        }
    }

    synchronized void onClosed(Lane lane, boolean lost) {
        scheduler.onLaneClosed(lane, lost);
        if (lane == current && !scheduler.isStopping()) {
            connect();
        }
    }
}
