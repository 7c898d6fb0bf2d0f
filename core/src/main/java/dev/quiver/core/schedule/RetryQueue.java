package dev.quiver.core.schedule;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Refused requests waiting for their one retry, and which connection may take each.
 *
 * <p>A refused request goes to a connection that became ready after its refused attempt started,
 * when there is one or one is being opened (the refusing connection drains and its replacement is
 * on its way). The connections that were open already may be about to drain as well, and a retry
 * sent there is refused a second time: a server that reloads sends GOAWAY on every connection at
 * once, and one that drains each connection after N requests drains connections opened together at
 * about the same time. Measured with the embedded server's {@code --goaway-every 100}, {@code -c 4
 * -p 8}: a fifth (netty) to a half (kwik) of the retries were refused again when they went to any
 * connection with room.
 *
 * <p>It waits at most {@code newerWaitNanos} (the connect timeout); after that, and at once when no
 * newer connection is there or coming (a {@code REFUSED_STREAM} on a connection that goes on), any
 * connection with room takes it. Its number is bounded by the streams in flight.
 */
final class RetryQueue {

    /** What a caller that is not a connection (a failed connect using up a request) passes as its ready time. */
    static final long ANY_CONNECTION = Long.MAX_VALUE;

    /**
     * @param newerThanNanos the refused attempt's start: a connection ready since then is a newer one
     * @param wantsNewer whether to wait for a newer connection (there is one, or one is being opened)
     */
    private record Waiting(Ticket ticket, long newerThanNanos, long refusedAtNanos, boolean wantsNewer) {
    }

    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final long newerWaitNanos;

    RetryQueue(long newerWaitNanos) {
        this.newerWaitNanos = newerWaitNanos;
    }

    /**
     * @param attemptStartNanos when the refused attempt started
     * @param newerThere whether a connection became ready since then or is being opened
     */
    void add(Ticket t, long attemptStartNanos, long nowNanos, boolean newerThere) {
        waiting.add(new Waiting(t, attemptStartNanos, nowNanos, newerThere));
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** A retry that may start on a connection ready since {@code readyAtNanos}, taken off the queue; null if none may. */
    Ticket takeFor(long readyAtNanos, long nowNanos) {
        if (waiting.isEmpty()) {
            return null;
        }
        for (Waiting w : waiting) {
            if (mayStartOn(w, readyAtNanos, nowNanos) && waiting.remove(w)) {
                return w.ticket();
            }
        }
        return null;
    }

    private boolean mayStartOn(Waiting w, long readyAtNanos, long nowNanos) {
        return !w.wantsNewer()
                || readyAtNanos == ANY_CONNECTION
                || readyAtNanos - w.newerThanNanos() >= 0
                || nowNanos - w.refusedAtNanos() >= newerWaitNanos;
    }
}
