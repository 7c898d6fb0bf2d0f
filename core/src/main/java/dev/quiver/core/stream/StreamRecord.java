package dev.quiver.core.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One live stream: owned by the tracker's map from {@link ConnectionStreams#open} until its one
 * terminal event. The engine writes the response facts (status, first byte, bytes) from its
 * own thread; nothing refers to the record after it ended.
 */
public final class StreamRecord {

    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(StreamRecord.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConnectionStreams connection;
    private final long streamId;
    private final long intendedStartNanos;
    private final long startNanos;
    private final int attempt;
    /** Which entry of the run's request mix this stream sends. */
    private final int request;
    @SuppressWarnings("unused") // written through ENDED
    private volatile boolean ended;

    private long firstByteNanos = -1;
    private int status;
    private long bytesIn;
    private long bytesOut;
    /** The engine's handle on this stream (its channel, its request), so that no second per-stream map is needed. */
    private volatile Object handle;

    StreamRecord(ConnectionStreams connection, long streamId, long intendedStartNanos, long startNanos, int attempt,
                 int request) {
        this.connection = connection;
        this.request = request;
        this.streamId = streamId;
        this.intendedStartNanos = intendedStartNanos;
        this.startNanos = startNanos;
        this.attempt = attempt;
    }

    /**
     * Ends this stream: takes it out of the tracker's map and hands the outcome on, in one step
     * that happens once. A second call is a defect and is counted as {@code doubleTerminal}.
     *
     * @return true when this call ended the stream
     */
    public boolean end(StreamState state, String category) {
        return connection.end(this, state, category);
    }

    /** Marks the record ended; true only for the first caller. */
    boolean markEnded() {
        return ENDED.compareAndSet(this, false, true);
    }

    public boolean isEnded() {
        return ended;
    }

    /** Records the response status and the time of its first byte (headers). */
    public void onResponseHeaders(int status, long nowNanos) {
        this.status = status;
        if (firstByteNanos < 0) {
            firstByteNanos = nowNanos;
        }
    }

    public void addBytesIn(long n) {
        bytesIn += n;
    }

    public void addBytesOut(long n) {
        bytesOut += n;
    }

    public ConnectionStreams connection() {
        return connection;
    }

    public long streamId() {
        return streamId;
    }

    public long intendedStartNanos() {
        return intendedStartNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    public int attempt() {
        return attempt;
    }

    /** The index of the request this stream sends in the run's {@link dev.quiver.core.engine.RequestMix}. */
    public int request() {
        return request;
    }

    public long firstByteNanos() {
        return firstByteNanos;
    }

    public int status() {
        return status;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** Keeps the engine's handle on this stream; it goes with the record when the stream ends. */
    public void attach(Object engineHandle) {
        handle = engineHandle;
    }

    /** The handle the engine attached, or null. */
    @SuppressWarnings("unchecked")
    public <T> T handle() {
        return (T) handle;
    }

    @Override
    public String toString() {
        return "stream " + connection.id() + "/" + streamId;
    }
}
