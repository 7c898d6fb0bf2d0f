package dev.quiver.server.h3;

import dev.quiver.server.metrics.ServerCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of an {@link Http3EmbeddedServer}: those of every reference server, plus the requests
 * still open and those refused after a GOAWAY. Connections are QUIC connections (handshake started).
 */
public final class Http3ServerStats extends ServerCounters {

    private final LongAdder requestsRejected = new LongAdder();
    private final LongAdder requestsOpen = new LongAdder();

    Http3ServerStats() {
    }

    /** Admitted requests whose stream is still open (being answered, delayed or stalled). */
    public long requestsOpen() {
        return requestsOpen.sum();
    }

    /** Streams refused with H3_REQUEST_REJECTED because they came at or above the GOAWAY id. */
    public long requestsRejected() {
        return requestsRejected.sum();
    }

    /** An admitted request (not one rejected after a GOAWAY): counted as received and open. */
    @Override
    public void requestReceived() {
        super.requestReceived();
        requestsOpen.increment();
    }

    void requestEnded() {
        requestsOpen.decrement();
    }

    void requestRejected() {
        requestsRejected.increment();
    }

    @Override
    public String toString() {
        return super.toString() + " open-requests=" + requestsOpen() + " rejected=" + requestsRejected();
    }
}
