package dev.quiver.core.stats;

import dev.quiver.core.report.Metric;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The numbers of one run. Written from the engines' event loops without locks, read by the
 * reporter thread. Its size does not depend on the number of requests.
 */
public final class RunStatistics {

    /** Request latency of completed requests (from the intended start in the open model). */
    public final LatencyRecorders latency = new LatencyRecorders();
    /** Time to the first byte of the response (headers). */
    public final LatencyRecorders firstByte = new LatencyRecorders();
    public final LatencyRecorders connect = new LatencyRecorders();
    public final LatencyRecorders tlsHandshake = new LatencyRecorders();
    public final LatencyRecorders quicHandshake = new LatencyRecorders();

    public final StatusCounts status = new StatusCounts();
    public final ErrorCategories errors = new ErrorCategories();
    /** Every failed connect by category, also one that costs no request because none is left. */
    public final ErrorCategories connectErrors = new ErrorCategories();

    public final LongAdder ok = new LongAdder();
    public final LongAdder failed = new LongAdder();
    /** Requests cut off by the end of the run (deadline or Ctrl-C); neither ok nor failed. */
    public final LongAdder aborted = new LongAdder();
    public final LongAdder retried = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder connectionsLost = new LongAdder();
    public final LongAdder connectFailures = new LongAdder();
    public final LongAdder goawaysReceived = new LongAdder();
    /** Nanoseconds requests waited because the peer's stream limit was reached. */
    public final LongAdder creditWaitNanos = new LongAdder();

    /** The lowest and highest stream limit a peer announced (HTTP/2 SETTINGS, QUIC MAX_STREAMS); -1 before any. */
    private final AtomicInteger peerStreamLimitMin = new AtomicInteger(-1);
    private final AtomicInteger peerStreamLimitMax = new AtomicInteger(-1);

    public void recordPeerStreamLimit(int limit) {
        peerStreamLimitMin.accumulateAndGet(limit, (a, b) -> a < 0 ? b : Math.min(a, b));
        peerStreamLimitMax.accumulateAndGet(limit, Math::max);
    }

    public int peerStreamLimitMin() {
        return peerStreamLimitMin.get();
    }

    public int peerStreamLimitMax() {
        return peerStreamLimitMax.get();
    }

    /** Set-up facts of the connections that became ready (QUIC version, resumption, 0-RTT, Retry). */
    public final ConnectionFactCounts connectionFacts = new ConnectionFactCounts();

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
}
