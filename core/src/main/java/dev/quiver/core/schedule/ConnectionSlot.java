package dev.quiver.core.schedule;

import dev.quiver.core.engine.SocketErrors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One of the {@code -c} connections the run keeps up: a virtual user. It opens a connection,
 * opens a replacement when the peer drains it (GOAWAY) or loses it, and backs off when
 * connecting keeps failing.
 */
final class ConnectionSlot {

    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * A connect that failed because this machine ran out of something (descriptors, local ports,
     * socket memory) waits longer: trying again at once cannot succeed and only burns the CPU the
     * open connections need. With every slot in that state, the attempts stay below c / 5 s.
     */
    private static final long LOCAL_MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long LOCAL_FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

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
        // An engine may not know the words for a local shortage (a UDP socket that could not be
        // opened); the cause does: name it the same way on every engine.
        String local = SocketErrors.localResource(cause);
        boolean localShortage = local != null || SocketErrors.isLocalResource(category);
        scheduler.onConnectFailed(lane, local != null ? "connect: " + local : category, cause);
        if (lane != current || scheduler.isStopping()) {
            return;
        }
        consecutiveFailures++;
        long first = localShortage ? LOCAL_FIRST_BACKOFF_NANOS : FIRST_BACKOFF_NANOS;
        long max = localShortage ? LOCAL_MAX_BACKOFF_NANOS : MAX_BACKOFF_NANOS;
        long backoff = Math.min(max, first << Math.min(10, consecutiveFailures - 1));
        // Slots that failed together do not all come back in the same instant.
        backoff += ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
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
