package dev.quiver.core.report;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.stats.ConnectionFactCounts;
import dev.quiver.core.stats.ErrorCategories;
import dev.quiver.core.stream.TrackerCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one run measured, or several runs merged ({@link #merge}), ready to render. It carries
 * its histograms, in total and per interval, so merging is exact: percentiles of a merged result
 * are those of one histogram holding every sample. Build one with {@link #builder()}.
 *
 * @param target the URL loaded
 * @param protocol the protocol that actually ran (after ALPN)
 * @param alpn the negotiated ALPN id ({@code h2}, {@code h3}), empty when none
 * @param engine the engine's name
 * @param model closed or open
 * @param parameters the workload as the user set it
 * @param window when the load ran and why it ended
 * @param requests requests by final outcome
 * @param histograms latency, first byte and connection set-up phases over the whole run
 * @param status completed responses by status text ({@code "200"}, {@code "invalid"})
 * @param errors failed requests by category, at most 32 categories plus {@code other}
 * @param streams the tracker's books
 * @param connections connection counts, stream credit and set-up facts
 * @param bytes body bytes
 * @param transport what the connections' transports did, from their stacks (QUIC counters, TCP_INFO)
 * @param intervals the run's reporting intervals, in wall-clock order
 * @param warmup what the warm-up before the measured part did ({@link Warmup#NONE} for none); nothing of it is in the
 *               figures above but the tracker's books ({@code streams}) and the connection figures, which cover the whole run
 * @param clientBound whether quiver itself was the bottleneck during the measured part
 * @param ramp the stages of a ramped load ({@code --ramp}, {@code --ramp-connections}) from the start of the
 *             measured part, or null for a steady load; each interval carries its mean target
 * @param perRequest one row per request of a {@code --urls} file, at most 32 (the rest share the last, {@code other});
 *                   empty for a run of one URL
 */
public record RunResult(
        String target, Protocol protocol, String alpn, String engine, LoadModel model, Parameters parameters,
        Window window, Requests requests, Histograms histograms, Map<String, Long> status, Map<String, Long> errors,
        TrackerCounts streams, Connections connections, Bytes bytes, TransportStats transport, List<Interval> intervals,
        Warmup warmup, ClientBound clientBound, Ramp ramp, List<RequestResult> perRequest) {

    public RunResult {
        perRequest = perRequest == null ? List.of() : List.copyOf(perRequest);
        status = Collections.unmodifiableMap(new TreeMap<>(status));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors)); // most frequent first, as counted
        intervals = List.copyOf(intervals);
        if (transport == null) {
            throw new IllegalArgumentException("a run has transport statistics, if none reported");
        }
    }

    /**
     * The workload as the user set it.
     *
     * @param maxConnecting connects under way at once ({@code --max-connecting}); 0 in a report written
     *                      before quiver recorded it
     */
    public record Parameters(int connections, int streamsPerConnection, long requests, double durationSeconds,
                             double rate, double timeoutSeconds, String method, int maxConnecting) {

        /** A workload whose bound on connects under way is not known (0). */
        public Parameters(int connections, int streamsPerConnection, long requests, double durationSeconds,
                          double rate, double timeoutSeconds, String method) {
            this(connections, streamsPerConnection, requests, durationSeconds, rate, timeoutSeconds, method, 0);
        }
    }

    /**
     * When the load ran.
     *
     * @param startMicros wall-clock start of the load, microseconds since the epoch
     * @param durationMicros from the start of the load to its end (last request, deadline or stop);
     *                       for merged results, the time covered by the union of their windows
     * @param intervalMicros the length of a full reporting interval
     */
    public record Window(long startMicros, long durationMicros, long intervalMicros, StopReason stopReason) {
    }

    /**
     * Requests by final outcome.
     *
     * @param total requests that reached a final outcome: {@code ok + failed + aborted}
     * @param retried refused requests started again (not counted twice in total)
     * @param aborted requests cut off by the end of the run (deadline or Ctrl-C)
     */
    public record Requests(long total, long ok, long failed, long retried, long aborted) {

        Requests plus(Requests o) {
            return new Requests(total + o.total, ok + o.ok, failed + o.failed, retried + o.retried, aborted + o.aborted);
        }
    }

    /**
     * Connections over the run.
     *
     * @param peerStreamLimitMin lowest stream limit a peer announced; -1 before any, {@link Integer#MAX_VALUE} for none
     * @param peerStreamLimitMax highest likewise
     * @param creditWaitMillis time requests waited because the peer's stream limit was reached
     * @param facts QUIC versions, resumptions, 0-RTT and Retry over the connections that became ready
     * @param connectErrors every failed connect by category, also those that cost no request (a connect that fails
     *                      after the last request was handed out); bounded like {@link RunResult#errors()}
     */
    public record Connections(long opened, long lost, long connectFailures, long goaways, int peerStreamLimitMin,
                              int peerStreamLimitMax, double creditWaitMillis, ConnectionFactCounts.Summary facts,
                              Map<String, Long> connectErrors) {

        public Connections {
            connectErrors = Collections.unmodifiableMap(new LinkedHashMap<>(connectErrors));
        }

        Connections plus(Connections o) {
            int min = peerStreamLimitMin < 0 ? o.peerStreamLimitMin
                    : o.peerStreamLimitMin < 0 ? peerStreamLimitMin : Math.min(peerStreamLimitMin, o.peerStreamLimitMin);
            return new Connections(opened + o.opened, lost + o.lost, connectFailures + o.connectFailures, goaways + o.goaways,
                    min, Math.max(peerStreamLimitMax, o.peerStreamLimitMax), creditWaitMillis + o.creditWaitMillis,
                    facts.plus(o.facts),
                    ErrorCategories.merge(List.of(connectErrors, o.connectErrors), ErrorCategories.DEFAULT_LIMIT));
        }
    }

    /** Body bytes received and sent. */
    public record Bytes(long received, long sent) {

        Bytes plus(Bytes o) {
            return new Bytes(received + o.received, sent + o.sent);
        }
    }

    public static RunResultBuilder builder() {
        return new RunResultBuilder();
    }

    /**
     * The results as one: histograms added, counts summed, intervals aligned on the wall clock.
     *
     * @throws IllegalArgumentException when they loaded different targets or protocols, or ran different models
     */
    public static RunResult merge(List<RunResult> results) {
        return ResultMerge.merge(results);
    }

    public static RunResult merge(RunResult first, RunResult... more) {
        List<RunResult> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return merge(all);
    }

    /** The same result with other parameters: merged shards carry the whole load's, not one shard's. */
    public RunResult withParameters(Parameters p) {
        return new RunResult(target, protocol, alpn, engine, model, p, window, requests, histograms, status, errors, streams,
                connections, bytes, transport, intervals, warmup, clientBound, ramp, perRequest);
    }

    public double durationSeconds() {
        return Units.seconds(window.durationMicros());
    }

    public StopReason stopReason() {
        return window.stopReason();
    }

    /** Completed requests per second over the run. */
    public double rps() {
        double seconds = durationSeconds();
        return seconds > 0 ? requests.ok() / seconds : 0;
    }

    /** Share of finished requests (not counting those cut off by the end of the run) that completed. */
    public double successRate() {
        long denominator = requests.ok() + requests.failed();
        return denominator == 0 ? 0 : (double) requests.ok() / denominator;
    }

    /** Streams that never reached a terminal state: a defect of quiver when non-zero. */
    public long leakedStreams() {
        return streams.live() + Math.max(0, streams.opened() - streams.terminalSum() - streams.live());
    }

    /** The intervals as progress lines and time plots read them, timed from the start of the load. */
    public List<IntervalSample> samples() {
        return intervals.stream().map(i -> i.sample(window.startMicros())).toList();
    }
}
