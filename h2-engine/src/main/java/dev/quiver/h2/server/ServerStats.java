package dev.quiver.h2.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of an {@link EmbeddedServer}, written by its event loops and readable from any thread.
 * Values read while the server runs are a moment's view, not a consistent snapshot.
 */
public final class ServerStats {

    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder responsesCompleted = new LongAdder();
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsOpen = new LongAdder();
    private final Map<Fault, LongAdder> faults = new EnumMap<>(Fault.class);

    ServerStats() {
        for (Fault fault : Fault.values()) {
            faults.put(fault, new LongAdder());
        }
    }

    /** Requests whose head (HTTP/1.1 request line and headers, HTTP/2 HEADERS) arrived. */
    public long requestsReceived() {
        return requestsReceived.sum();
    }

    /** Responses written completely (last byte handed to the connection), faults excluded. */
    public long responsesCompleted() {
        return responsesCompleted.sum();
    }

    /** Connections accepted since start, both listeners. */
    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** Connections open right now, both listeners. */
    public long connectionsOpen() {
        return connectionsOpen.sum();
    }

    /** How many times {@code fault} was injected. */
    public long faultsInjected(Fault fault) {
        return faults.get(fault).sum();
    }

    void requestReceived() {
        requestsReceived.increment();
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

    void faultInjected(Fault fault) {
        faults.get(fault).increment();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("requests=").append(requestsReceived())
                .append(" responses=").append(responsesCompleted())
                .append(" connections=").append(connectionsAccepted())
                .append(" open=").append(connectionsOpen());
        for (Fault fault : Fault.values()) {
            s.append(' ').append(fault.name().toLowerCase()).append('=').append(faultsInjected(fault));
        }
        return s.toString();
    }
}
