package dev.quiver.core.serve;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters every reference server keeps: connections, requests, responses, faults. Written by the
 * server's event loops, readable from any thread; values read while the server runs are a
 * moment's view, not a consistent snapshot. A server with more to count extends this class.
 */
public class ServerCounters {

    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder responsesCompleted = new LongAdder();
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsOpen = new LongAdder();
    private final Map<Fault, LongAdder> faults = new EnumMap<>(Fault.class);

    public ServerCounters() {
        for (Fault fault : Fault.values()) {
            faults.put(fault, new LongAdder());
        }
    }

    /** Requests whose head (request line and headers, or HEADERS frame) arrived and that were admitted. */
    public long requestsReceived() {
        return requestsReceived.sum();
    }

    /** Responses handed to the connection completely, faults excluded. */
    public long responsesCompleted() {
        return responsesCompleted.sum();
    }

    /** Connections accepted since start, all listeners. */
    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** Connections open right now, all listeners. */
    public long connectionsOpen() {
        return connectionsOpen.sum();
    }

    /** How many times {@code fault} was injected. */
    public long faultsInjected(Fault fault) {
        return faults.get(fault).sum();
    }

    /** How many faults of any kind were injected. */
    public long faultsInjected() {
        long sum = 0;
        for (LongAdder count : faults.values()) {
            sum += count.sum();
        }
        return sum;
    }

    /** Recorded by the server when a request's head arrives and the request is admitted. */
    public void requestReceived() {
        requestsReceived.increment();
    }

    /** Recorded by the server when a response's last byte has been handed to the connection. */
    public void responseCompleted() {
        responsesCompleted.increment();
    }

    /** Recorded by the server when it accepts a connection. */
    public void connectionOpened() {
        connectionsAccepted.increment();
        connectionsOpen.increment();
    }

    /** Recorded by the server when an accepted connection has closed. */
    public void connectionClosed() {
        connectionsOpen.decrement();
    }

    /** Recorded by the server when it injects {@code fault}. */
    public void faultInjected(Fault fault) {
        faults.get(fault).increment();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("requests=").append(requestsReceived())
                .append(" responses=").append(responsesCompleted())
                .append(" connections=").append(connectionsAccepted())
                .append(" open=").append(connectionsOpen());
        for (Fault fault : Fault.values()) {
            s.append(' ').append(fault.label()).append('=').append(faultsInjected(fault));
        }
        return s.toString();
    }
}
