package dev.quiver.core.report;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stats.ConnectionFactCounts;
import dev.quiver.core.stats.LatencyRecorders;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Run results made of known samples, as the scheduler would assemble them: every sample goes into
 * its interval's histogram and into the run total, and optionally into a histogram of the caller's
 * (to compare a merge against one histogram holding everything).
 */
final class TestRuns {

    static final long SECOND = 1_000_000;

    private TestRuns() {
    }

    /**
     * @param startMicros wall-clock start of the load
     * @param seconds full one-second intervals
     * @param perSecond completed requests per interval
     * @param all also receives every latency sample, or null
     */
    static RunResult run(long startMicros, int seconds, int perSecond, long seed, Histogram all) {
        Random rnd = new Random(seed);
        Map<Metric, Histogram> totals = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            totals.put(m, LatencyRecorders.newHistogram());
        }
        List<Interval> intervals = new ArrayList<>();
        long failed = 0;
        for (int s = 0; s < seconds; s++) {
            Map<Metric, Histogram> taken = new EnumMap<>(Metric.class);
            Histogram latency = LatencyRecorders.newHistogram();
            Histogram firstByte = LatencyRecorders.newHistogram();
            for (int i = 0; i < perSecond; i++) {
                // a body near 1 ms with a long tail, so that p99 and p99.9 are far from p50
                long v = 500 + (long) Math.abs(rnd.nextGaussian() * 400) + (rnd.nextInt(200) == 0 ? rnd.nextInt(90_000) : 0);
                latency.recordValue(v);
                firstByte.recordValue(Math.max(1, v / 2));
                if (all != null) {
                    all.recordValue(v);
                }
            }
            taken.put(Metric.LATENCY, latency);
            taken.put(Metric.FIRST_BYTE, firstByte);
            if (s == 0) {
                Histogram connect = LatencyRecorders.newHistogram();
                connect.recordValue(150 + rnd.nextInt(100));
                taken.put(Metric.CONNECT, connect);
            }
            taken.forEach((m, h) -> totals.get(m).add(h));
            intervals.add(Interval.of(startMicros + s * SECOND, SECOND, s % 3, 2, taken));
            failed += s % 3;
        }
        long ok = (long) seconds * perSecond;
        Map<StreamState, Long> terminal = new EnumMap<>(StreamState.class);
        terminal.put(StreamState.COMPLETED, ok);
        terminal.put(StreamState.RESET_BY_PEER, failed);
        Map<String, Long> errors = new LinkedHashMap<>();
        if (failed > 0) {
            errors.put("reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)", failed);
        }
        return RunResult.builder()
                .target("https://127.0.0.1:8443/").protocol(Protocol.HTTP_2).alpn("h2").engine("netty")
                .model(LoadModel.CLOSED)
                .parameters(new RunResult.Parameters(4, 8, ok + failed, 0, 0, 30, "GET"))
                .window(new RunResult.Window(startMicros, seconds * SECOND, SECOND, StopReason.COUNT))
                .requests(ok, failed, 1, 0)
                .histograms(Histograms.of(totals))
                .status(Map.of("200", ok))
                .errors(errors)
                .streams(new TrackerCounts(ok + failed, terminal, 0, 0, 0, 4, 0))
                .connections(new RunResult.Connections(1, 0, 0, 0, 100, 100, 1.5, new ConnectionFactCounts.Summary(Map.of(), 0, 0, 0, 1), Map.of()))
                .bytes(ok * 100, ok * 20)
                .intervals(intervals)
                .build();
    }
}
