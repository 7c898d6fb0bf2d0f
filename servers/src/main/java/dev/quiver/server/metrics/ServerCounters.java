package dev.quiver.server.metrics;

import dev.quiver.server.fault.Fault;
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
    private final LongAdder acceptFailures = new LongAdder();
    private final LongAdder connectionsShed = new LongAdder();
    private final LongAdder eventLoopErrors = new LongAdder();
    /** The latest failures of their kind; one object each, replaced, never a list. */
    private volatile Throwable lastAcceptFailure;
    private volatile Throwable lastEventLoopError;

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

    /** Times a listener's accept() failed (out of file descriptors, most of the time), all listeners. */
    public long acceptFailures() {
        return acceptFailures.sum();
    }

    /** The latest of {@link #acceptFailures()}, or null when there was none. */
    public Throwable lastAcceptFailure() {
        return lastAcceptFailure;
    }

    /**
     * Connections waiting to be accepted that the server accepted and closed at once because it had
     * no descriptor to serve them with (the client sees the connection closed instead of waiting).
     */
    public long connectionsShed() {
        return connectionsShed.sum();
    }

    /** Errors that escaped every handler and reached an event loop, which survived them. */
    public long eventLoopErrors() {
        return eventLoopErrors.sum();
    }

    /** The latest of {@link #eventLoopErrors()}, or null when there was none. */
    public Throwable lastEventLoopError() {
        return lastEventLoopError;
    }

    /** Recorded by a listener when accept() fails with {@code cause}. */
    public void acceptFailed(Throwable cause) {
        acceptFailures.increment();
        lastAcceptFailure = cause;
    }

    /** Recorded by a listener for each waiting connection it closed for want of descriptors. */
    public void connectionsShed(int count) {
        connectionsShed.add(count);
    }

    /** Recorded by an event loop that survived {@code error}. */
    public void eventLoopError(Throwable error) {
        eventLoopErrors.increment();
        lastEventLoopError = error;
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
        s.append(" accept-failures=").append(acceptFailures()).append(" shed=").append(connectionsShed())
                .append(" loop-errors=").append(eventLoopErrors());
        return s.toString();
    }
}
