package dev.quiver.core.stats;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;

/**
 * The one writer of a run's {@link RunStatistics}: the scheduler and its connections say what
 * happened, this decides what it counts as (an outcome is ok, failed or aborted; latency counts
 * from the intended start). Called on the engines' threads; allocates nothing.
 */
public final class RunRecorder {

    private final RunStatistics stats;

    /** A recorder of a run of one request. */
    public RunRecorder() {
        this.stats = new RunStatistics();
    }

    /** A recorder of a run that sends {@code mix}: with a row per request when its report has them. */
    public RunRecorder(RequestMix mix) {
        this.stats = new RunStatistics(mix);
    }

    /** What has been recorded so far, for the reporter and the result. */
    public RunStatistics statistics() {
        return stats;
    }

    // ---- connections --------------------------------------------------------------------------

    /** A connection became ready: its set-up times, the peer's stream limit and its set-up facts. */
    public void connectionReady(Connection c, HandshakeTimes times) {
        stats.connectionsOpened.increment();
        if (times.connectNanos() >= 0) {
            stats.connect.recordNanos(times.connectNanos());
        }
        if (times.tlsNanos() >= 0) {
            stats.tlsHandshake.recordNanos(times.tlsNanos());
        }
        if (times.quicNanos() >= 0) {
            stats.quicHandshake.recordNanos(times.quicNanos());
        }
        stats.recordPeerStreamLimit(c.peerStreamLimit());
        stats.connectionFacts.record(c.facts());
    }

    /** A connect failed, whether or not it cost a request. */
    public void connectFailed(String category) {
        stats.connectFailures.increment();
        stats.connectErrors.increment(category);
    }

    /** A connection the peer or the network ended (not quiver, not a graceful drain). */
    public void connectionLost() {
        stats.connectionsLost.increment();
    }

    /** What a ready connection's transport did, read just before it closed; the sample is not kept. */
    public void transport(TransportSample sample) {
        stats.transport.record(sample);
    }

    public void goawayReceived() {
        stats.goawaysReceived.increment();
    }

    /** A wait for the peer's stream credit ended after {@code nanos}. */
    public void creditWait(long nanos) {
        stats.creditWaitNanos.add(nanos);
    }

    // ---- requests -----------------------------------------------------------------------------

    /** A request was used up by a connect that failed during the load: a failure under the connect's category. */
    public void requestFailedToConnect(String category) {
        stats.failed.increment();
        stats.errors.increment(category);
    }

    /** A stream ended in a way that is retried: its bytes count, its request goes on. */
    public void retried(StreamRecord r) {
        stats.bytesIn.add(r.bytesIn());
        stats.bytesOut.add(r.bytesOut());
        stats.retried.increment();
    }

    /**
     * A request's final outcome.
     *
     * @param category the tracker's category, or null
     * @param runEnding whether the run is ending: a cancelled stream is then aborted, not failed
     */
    public void ended(StreamRecord r, StreamState state, String category, long endNanos, boolean runEnding) {
        stats.bytesIn.add(r.bytesIn());
        stats.bytesOut.add(r.bytesOut());
        stats.perRequest.ended(r.request(), state, r.status(), endNanos - r.intendedStartNanos(), runEnding);
        if (state == StreamState.COMPLETED) {
            stats.ok.increment();
            stats.status.increment(r.status());
            stats.latency.recordNanos(endNanos - r.intendedStartNanos());
            if (r.firstByteNanos() > 0) {
                stats.firstByte.recordNanos(r.firstByteNanos() - r.intendedStartNanos());
            }
        } else if (state == StreamState.CANCELLED && runEnding) {
            stats.aborted.increment();
        } else {
            stats.failed.increment();
            stats.errors.increment(category != null ? category : state.key());
        }
    }

    /** Requests that reached a final outcome. */
    public long finished() {
        return stats.finished();
    }
}
