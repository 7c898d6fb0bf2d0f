package dev.quiver.core.schedule;

import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;

/**
 * Which requests are tried again: one the server never processed ({@link StreamState#REFUSED}:
 * beyond GOAWAY's last stream id, or REFUSED_STREAM) is retried once, on whichever connection has
 * room, keeping its intended start. Nothing else is retried: a request that failed may have had
 * effects on the server.
 */
final class RetryPolicy {

    /** How many times one request is tried again at most. */
    static final int MAX_RETRIES = 1;

    /** The ticket that tries this stream's request again, or null when it is not retried. */
    Ticket retryOf(StreamRecord r, StreamState state) {
        if (state != StreamState.REFUSED || r.attempt() >= MAX_RETRIES) {
            return null;
        }
        return new Ticket(r.intendedStartNanos(), r.attempt() + 1, r.request());
    }
}
