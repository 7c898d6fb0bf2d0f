package dev.quiver.quic.kwik;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.error.ErrorCategory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connect as the scheduler sees it, made of up to {@value #MAX_ATTEMPTS} Kwik connection
 * attempts: when an attempt's handshake stalls (Kwik's handshake race, see {@link HandshakeTap}),
 * a fresh attempt starts beside it and the first to finish wins. The outcome is reported exactly
 * once: the first attempt to connect, the last one to fail, or the deadline, whichever comes first.
 */
final class HedgedConnect {

    /** Attempts per connect: the first and up to two fresh ones, each started by a stall of the one before. */
    static final int MAX_ATTEMPTS = 3;

    private final ConnectionEvents events;
    private final long deadlineNanos;
    private final AtomicBoolean settled = new AtomicBoolean();
    private int started;
    private int running;

    /** @param deadlineNanos when the user's connect timeout runs out, on the {@link System#nanoTime()} clock */
    HedgedConnect(ConnectionEvents events, long deadlineNanos) {
        this.events = events;
        this.deadlineNanos = deadlineNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Counts an attempt about to start; false when the connect is over or has used its attempts. */
    synchronized boolean tryStart() {
        if (settled.get() || started >= MAX_ATTEMPTS) {
            return false;
        }
        started++;
        running++;
        return true;
    }

    ConnectionEvents events() {
        return events;
    }

    /** An attempt connected: true when it is the first, and its connection is the one the scheduler gets. */
    boolean connected() {
        synchronized (this) {
            running--;
        }
        return settled.compareAndSet(false, true);
    }

    /** An attempt failed: reported when no other attempt is still under way. */
    void failed(String category, Throwable cause) {
        synchronized (this) {
            if (--running > 0) {
                return;
            }
        }
        if (settled.compareAndSet(false, true)) {
            events.onConnectFailed(category, cause);
        }
    }

    /** The user's connect timeout ran out, whatever the attempts are doing. */
    void expire() {
        if (settled.compareAndSet(false, true)) {
            events.onConnectFailed(ErrorCategory.quic("handshake timed out"), null);
        }
    }
}
