package dev.quiver.server.fault;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Leaks the reference servers commit on purpose, so that {@code quiver leak-check} has something
 * to find without an outside server: memory per request, the state of every closed connection,
 * stream credit never returned. One instance per server process, shared by its TCP and HTTP/3
 * servers; unbounded by design, and off unless a {@code --leak-...} switch of {@code serve} is given.
 */
public final class InjectedLeaks {

    /** No leaks: what every server runs with unless told otherwise. */
    public static final InjectedLeaks NONE = new InjectedLeaks(0, false, false);

    private final int bytesPerRequest;
    private final boolean connections;
    private final boolean streams;
    private final Queue<Object> retained = new ConcurrentLinkedQueue<>();
    private final LongAdder retainedBytes = new LongAdder();

    /**
     * @param bytesPerRequest bytes kept, never freed, for every request received; 0 for none
     * @param connections keep a reference to every closed connection's state
     * @param streams stop returning stream credit for finished streams (HTTP/2 and HTTP/3)
     */
    public InjectedLeaks(int bytesPerRequest, boolean connections, boolean streams) {
        if (bytesPerRequest < 0) {
            throw new IllegalArgumentException("bytes per request must be >= 0, got " + bytesPerRequest);
        }
        this.bytesPerRequest = bytesPerRequest;
        this.connections = connections;
        this.streams = streams;
    }

    /** Called for every request the server receives. */
    public void requestReceived() {
        if (bytesPerRequest > 0) {
            retained.add(new byte[bytesPerRequest]);
            retainedBytes.add(bytesPerRequest);
        }
    }

    /** Called when a connection has closed, with what holds its state (its channel and pipeline). */
    public void connectionClosed(Object state) {
        if (connections) {
            retained.add(state);
        }
    }

    /** True when finished streams must keep counting against the stream limit. */
    public boolean streams() {
        return streams;
    }

    public boolean any() {
        return bytesPerRequest > 0 || connections || streams;
    }

    /** Objects kept so far (byte arrays and connection states). */
    public long retainedObjects() {
        return retained.size();
    }
}
