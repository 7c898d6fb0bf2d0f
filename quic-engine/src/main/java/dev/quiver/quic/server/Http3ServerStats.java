package dev.quiver.quic.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of an {@link Http3EmbeddedServer}, written by its event loops and readable from any
 * thread. Values read while the server runs are a moment's view, not a consistent snapshot.
 */
public final class Http3ServerStats {

    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder requestsRejected = new LongAdder();
    private final LongAdder requestsOpen = new LongAdder();
    private final LongAdder responsesCompleted = new LongAdder();
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsOpen = new LongAdder();
    private final Map<Http3Fault, LongAdder> faults = new EnumMap<>(Http3Fault.class);

    Http3ServerStats() {
        for (Http3Fault fault : Http3Fault.values()) {
            faults.put(fault, new LongAdder());
        }
    }

    /** Requests whose HEADERS arrived and that were not rejected after a GOAWAY. */
    public long requestsReceived() {
        return requestsReceived.sum();
    }

    /** Admitted requests whose stream is still open (being answered, delayed or stalled). */
    public long requestsOpen() {
        return requestsOpen.sum();
    }

    /** Streams refused with H3_REQUEST_REJECTED because they came at or above the GOAWAY id. */
    public long requestsRejected() {
        return requestsRejected.sum();
    }

    /** Responses handed to QUIC completely (FIN queued), faults excluded. */
    public long responsesCompleted() {
        return responsesCompleted.sum();
    }

    /** QUIC connections accepted (handshake started) since start. */
    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** QUIC connections open right now. */
    public long connectionsOpen() {
        return connectionsOpen.sum();
    }

    /** How many times {@code fault} was injected. */
    public long faultsInjected(Http3Fault fault) {
        return faults.get(fault).sum();
    }

    void requestReceived() {
        requestsReceived.increment();
        requestsOpen.increment();
    }

    void requestEnded() {
        requestsOpen.decrement();
    }

    void requestRejected() {
        requestsRejected.increment();
    }

    void responseCompleted() {
        responsesCompleted.increment();
    }

    void connectionOpened() {
        connectionsAccepted.increment();
        connectionsOpen.increment();
    }

    void connectionClosed() {
        connectionsOpen.decrement();
    }

    void faultInjected(Http3Fault fault) {
        faults.get(fault).increment();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("requests=").append(requestsReceived())
                .append(" open-requests=").append(requestsOpen())
                .append(" rejected=").append(requestsRejected())
                .append(" responses=").append(responsesCompleted())
                .append(" connections=").append(connectionsAccepted())
                .append(" open=").append(connectionsOpen());
        for (Http3Fault fault : Http3Fault.values()) {
            s.append(' ').append(fault.name().toLowerCase().replace('_', '-')).append('=').append(faultsInjected(fault));
        }
        return s.toString();
    }
}
