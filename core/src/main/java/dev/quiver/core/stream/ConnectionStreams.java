package dev.quiver.core.stream;

import dev.quiver.core.error.ErrorCategory;
import java.util.List;

/**
 * The live streams of one connection: the tracker's map, keyed by stream id, for this connection.
 * An engine gets one from {@link StreamTracker#register} when its connection opens and calls
 * {@link #sweep} when the connection ends for any reason.
 */
public final class ConnectionStreams {

    private final StreamTracker tracker;
    private final long id;
    private final StreamControl control;
    private final LiveStreams live = new LiveStreams();
    private volatile boolean swept;

    ConnectionStreams(StreamTracker tracker, long id, StreamControl control) {
        this.tracker = tracker;
        this.id = id;
        this.control = control;
    }

    /** The connection's id, unique within a tracker. */
    public long id() {
        return id;
    }

    /**
     * Opens a stream. A stream id already live on this connection is a protocol error of the
     * engine: an {@link IllegalStateException}.
     */
    public StreamRecord open(long streamId, long intendedStartNanos, int attempt) {
        return open(streamId, intendedStartNanos, attempt, 0);
    }

    /**
     * As {@link #open(long, long, int)}, for the request with this index in the run's
     * {@link dev.quiver.core.engine.RequestMix}: its outcome is counted for that request too.
     */
    public StreamRecord open(long streamId, long intendedStartNanos, int attempt, int request) {
        long now = tracker.nanoTime();
        StreamRecord r = new StreamRecord(this, streamId, intendedStartNanos, now, attempt, request);
        if (swept) {
            // The connection already ended: the stream never got a chance. Count it, end it at once.
            r.markEnded();
            tracker.opened(r);
            tracker.ended(r, StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("stream opened after close"), now);
            return r;
        }
        if (!live.putIfAbsent(streamId, r)) {
            throw new IllegalStateException("stream " + id + "/" + streamId + " is already live");
        }
        tracker.opened(r);
        if (swept && live.remove(streamId, r) && r.markEnded()) {
            // Lost a race with sweep(): end it here so that nothing stays behind.
            tracker.ended(r, StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("stream opened during close"), tracker.nanoTime());
        }
        return r;
    }

    boolean end(StreamRecord r, StreamState state, String category) {
        if (!r.markEnded()) {
            tracker.doubleTerminal(r, state);
            return false;
        }
        live.remove(r.streamId(), r);
        String cutOff = state == StreamState.COMPLETED ? tracker.cutOffCategory() : null;
        if (cutOff != null) {
            tracker.ended(r, StreamState.CANCELLED, cutOff, tracker.nanoTime());
        } else {
            tracker.ended(r, state, category, tracker.nanoTime());
        }
        return true;
    }

    /**
     * Ends the stream if it is still live, without counting a defect when it is not: for the
     * watchdog, whose forced end may race the engine's own end on another thread.
     */
    boolean endIfLive(StreamRecord r, StreamState state, String category) {
        if (live.remove(r.streamId(), r) && r.markEnded()) {
            tracker.ended(r, state, category, tracker.nanoTime());
            return true;
        }
        return false;
    }

    /**
     * The connection ended: every live stream ends in {@code state} (CONNECTION_LOST, or REFUSED
     * where the protocol says the stream was never processed), and the connection leaves the tracker.
     */
    public void sweep(StreamState state, String category) {
        swept = true;
        for (StreamRecord r : live.snapshot()) {
            if (live.remove(r.streamId(), r) && r.markEnded()) {
                tracker.ended(r, state, category, tracker.nanoTime());
            }
        }
        tracker.deregister(this);
    }

    /** Ends the live streams whose id is above {@code lastStreamId} (GOAWAY): they were never processed. */
    public int refuseAbove(long lastStreamId, String category) {
        int n = 0;
        for (StreamRecord r : live.snapshot()) {
            if (r.streamId() > lastStreamId && end(r, StreamState.REFUSED, category)) {
                n++;
            }
        }
        return n;
    }

    /** The live stream with this id, or null. */
    public StreamRecord get(long streamId) {
        return live.get(streamId);
    }

    /** A snapshot of the live streams (safe from any thread), for an engine event that concerns several. */
    public List<StreamRecord> liveStreams() {
        return live.snapshot();
    }

    public int liveCount() {
        return live.size();
    }

    void collectExpired(long olderThanNanos, List<StreamRecord> out) {
        live.startedBefore(olderThanNanos, out);
    }

    StreamControl control() {
        return control;
    }
}
