package dev.quiver.core.report;

import dev.quiver.core.stats.ConnectionFactCounts;
import dev.quiver.core.stream.TrackerCounts;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything one run measured, ready to render. Histograms hold microseconds.
 *
 * @param protocol the protocol that actually ran (after ALPN), as displayed: {@code HTTP/2}
 * @param model {@code closed} or {@code open}
 * @param durationSeconds from the start of the load to its end (last request, deadline or stop)
 * @param total requests that reached a final outcome: {@code ok + failed + aborted}
 * @param aborted requests cut off by the end of the run (deadline or Ctrl-C)
 * @param connectErrors every failed connect by category, also those that cost no request (a connect that fails
 *                      after the last request was handed out); bounded like {@code errors}
 * @param connectionFacts QUIC versions, resumptions, 0-RTT and Retry over the connections that became ready
 * @param stopReason why the run ended: {@code count}, {@code duration}, {@code interrupted} (SIGINT, Ctrl-C),
 *                   {@code terminated} (SIGTERM)
 */
public record RunResult(
        String target, String protocol, String alpn, String engine, String model,
        Parameters parameters,
        double durationSeconds, long total, long ok, long failed, long retried, long aborted,
        Histogram latency, Histogram firstByte, Histogram connect, Histogram tlsHandshake, Histogram quicHandshake,
        Map<String, Long> status, Map<String, Long> errors, TrackerCounts streams,
        long connectionsOpened, long connectionsLost, long connectFailures, Map<String, Long> connectErrors, long goaways,
        int peerStreamLimitMin, int peerStreamLimitMax, double creditWaitMillis,
        ConnectionFactCounts.Summary connectionFacts,
        long bytesIn, long bytesOut, List<IntervalSample> intervals, String stopReason) {

    /** The workload as the user set it. */
    public record Parameters(int connections, int streamsPerConnection, long requests, double durationSeconds,
                             double rate, double timeoutSeconds, String method) {
    }

    /** Completed requests per second over the run. */
    public double rps() {
        return durationSeconds > 0 ? ok / durationSeconds : 0;
    }

    /** Share of finished requests (not counting those cut off by the end of the run) that completed. */
    public double successRate() {
        long denominator = ok + failed;
        return denominator == 0 ? 0 : (double) ok / denominator;
    }

    /** Streams that never reached a terminal state: a defect of quiver when non-zero. */
    public long leakedStreams() {
        return streams.live() + Math.max(0, streams.opened() - streams.terminalSum() - streams.live());
    }
}
