package dev.quiver.core.stats;

import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RequestResult;
import dev.quiver.core.report.TransportStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The numbers of one run. Written only by its {@link RunRecorder}, from the engines' event loops
 * without locks; read here by the reporter thread and the result. Its size does not depend on the
 * number of requests.
 */
public final class RunStatistics {

    /** Outcomes per request of a {@code --urls} file; no rows for a plain run. */
    final PerRequestStats perRequest;

    /** Statistics of a run of one request. */
    public RunStatistics() {
        this.perRequest = PerRequestStats.NONE;
    }

    /** Statistics of a run that sends {@code mix}. */
    public RunStatistics(RequestMix mix) {
        this.perRequest = new PerRequestStats(mix);
    }

    /** Request latency of completed requests (from the intended start in the open model). */
    final LatencyRecorders latency = new LatencyRecorders();
    /** Time to the first byte of the response (headers). */
    final LatencyRecorders firstByte = new LatencyRecorders();
    final LatencyRecorders connect = new LatencyRecorders();
    final LatencyRecorders tlsHandshake = new LatencyRecorders();
    final LatencyRecorders quicHandshake = new LatencyRecorders();

    final StatusCounts status = new StatusCounts();
    final ErrorCategories errors = new ErrorCategories();

    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    /** Requests cut off by the end of the run (deadline or Ctrl-C); neither ok nor failed. */
    final LongAdder aborted = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsLost = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    /** Every failed connect by category; a connect that fails once no request is left costs none and shows only here. */
    final ErrorCategories connectErrors = new ErrorCategories();
    final LongAdder goawaysReceived = new LongAdder();
    /** Nanoseconds requests waited because the peer's stream limit was reached. */
    final LongAdder creditWaitNanos = new LongAdder();
    /** Set-up facts of the connections that became ready (QUIC version, resumption, 0-RTT, Retry). */
    final ConnectionFactCounts connectionFacts = new ConnectionFactCounts();
    /** What the connections' transports did, one sample per connection (QUIC stack counters, TCP_INFO). */
    final TransportCounts transport = new TransportCounts();

    /** The lowest and highest stream limit a peer announced (HTTP/2 SETTINGS, QUIC MAX_STREAMS); -1 before any. */
    private final AtomicInteger peerStreamLimitMin = new AtomicInteger(-1);
    private final AtomicInteger peerStreamLimitMax = new AtomicInteger(-1);

    void recordPeerStreamLimit(int limit) {
        peerStreamLimitMin.accumulateAndGet(limit, (a, b) -> a < 0 ? b : Math.min(a, b));
        peerStreamLimitMax.accumulateAndGet(limit, Math::max);
    }

    public int peerStreamLimitMin() {
        return peerStreamLimitMin.get();
    }

    public int peerStreamLimitMax() {
        return peerStreamLimitMax.get();
    }

    /** The recorders of one metric. */
    public LatencyRecorders recorders(Metric m) {
        return switch (m) {
            case LATENCY -> latency;
            case FIRST_BYTE -> firstByte;
            case CONNECT -> connect;
            case TLS_HANDSHAKE -> tlsHandshake;
            case QUIC_HANDSHAKE -> quicHandshake;
        };
    }

    /** Requests that reached a final outcome (retries not counted twice). */
    public long finished() {
        return ok.sum() + failed.sum() + aborted.sum();
    }

    public long ok() {
        return ok.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long aborted() {
        return aborted.sum();
    }

    public long retried() {
        return retried.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    public long connectionsLost() {
        return connectionsLost.sum();
    }

    public long connectFailures() {
        return connectFailures.sum();
    }

    public long goawaysReceived() {
        return goawaysReceived.sum();
    }

    public long creditWaitNanos() {
        return creditWaitNanos.sum();
    }

    /** One row per request of a {@code --urls} file, in its order; empty for a plain run. Reporter thread. */
    public List<RequestResult> perRequest() {
        return perRequest.results();
    }

    /** Failed requests by category. */
    public Map<String, Long> errors() {
        return errors.snapshot();
    }

    /** Completed requests by status code. */
    public Map<String, Long> status() {
        return status.snapshot();
    }

    /** Failed connects by category, also those that cost no request. */
    public Map<String, Long> connectErrors() {
        return connectErrors.snapshot();
    }

    public ConnectionFactCounts.Summary connectionFacts() {
        return connectionFacts.summary();
    }

    /** The transports' figures so far (reporter thread). */
    public TransportStats transport() {
        return transport.summary();
    }
}
