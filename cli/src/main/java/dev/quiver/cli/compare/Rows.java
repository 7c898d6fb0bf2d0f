package dev.quiver.cli.compare;

import dev.quiver.cli.compare.Row.Better;
import dev.quiver.cli.compare.Row.Unit;
import dev.quiver.core.report.Histograms;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import dev.quiver.core.stream.StreamState;
import java.util.List;

/** The rows of the comparison table, in the order they are shown. */
public final class Rows {

    private Rows() {
    }

    public static final List<Row> ALL = List.of(
            new Row("rps_median", "req/s (median of rounds)", Better.HIGHER, Unit.RATE, VariantResult::rpsMedian),
            new Row("rps_min", "req/s (slowest round)", Better.HIGHER, Unit.RATE, v -> v.roundRps().get(0)),
            new Row("rps_max", "req/s (fastest round)", Better.HIGHER, Unit.RATE, v -> v.roundRps().get(v.roundRps().size() - 1)),
            percentile("latency_p50_ms", "latency p50", Metric.LATENCY, 50),
            percentile("latency_p90_ms", "latency p90", Metric.LATENCY, 90),
            percentile("latency_p99_ms", "latency p99", Metric.LATENCY, 99),
            percentile("latency_p999_ms", "latency p99.9", Metric.LATENCY, 99.9),
            percentile("latency_max_ms", "latency max", Metric.LATENCY, 100),
            percentile("first_byte_p50_ms", "first byte p50", Metric.FIRST_BYTE, 50),
            percentile("first_byte_p99_ms", "first byte p99", Metric.FIRST_BYTE, 99),
            new Row("setup_p50_ms", "connection set-up p50", Better.LOWER, Unit.MILLIS, v -> setupP50(v.merged())),
            new Row("errors", "errors", Better.LOWER, Unit.COUNT, v -> v.merged().requests().failed()),
            new Row("retried", "retried", Better.LOWER, Unit.COUNT, v -> v.merged().requests().retried()),
            new Row("aborted", "aborted at end", Better.NONE, Unit.COUNT, v -> v.merged().requests().aborted()),
            new Row("bytes_per_s", "received bytes/s", Better.HIGHER, Unit.BYTES_PER_SECOND,
                    v -> v.merged().durationSeconds() > 0 ? v.merged().bytes().received() / v.merged().durationSeconds() : Double.NaN),
            new Row("cpu_s_per_1k", "quiver CPU s / 1k req", Better.LOWER, Unit.SECONDS, VariantResult::cpuSecondsPer1k));

    /** The rows a table shows: with one round, its rate is the median, so slowest and fastest round are left out. */
    public static List<Row> shown(int rounds) {
        return rounds > 1 ? ALL : ALL.stream().filter(r -> !r.key().equals("rps_min") && !r.key().equals("rps_max")).toList();
    }

    public static Row byKey(String key) {
        return ALL.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private static Row percentile(String key, String title, Metric metric, double q) {
        return new Row(key, title, Better.LOWER, Unit.MILLIS, v -> Units.percentileMillis(v.merged().histograms().get(metric), q));
    }

    /** QUIC handshake for HTTP/3; TCP connect plus TLS handshake (each its p50) over TCP. */
    static double setupP50(RunResult r) {
        Histograms h = r.histograms();
        if (h.quicHandshake().getTotalCount() > 0) {
            return Units.percentileMillis(h.quicHandshake(), 50);
        }
        if (h.connect().getTotalCount() == 0) {
            return Double.NaN;
        }
        double ms = Units.percentileMillis(h.connect(), 50);
        if (h.tlsHandshake().getTotalCount() > 0) {
            ms += Units.percentileMillis(h.tlsHandshake(), 50);
        }
        return ms;
    }

    /**
     * The stream books of a variant in a few words: {@code all 3000 completed} or the states other
     * than completed, e.g. {@code 2990 completed, cancelled 10}; why there are none when it did not run.
     */
    public static String streams(VariantResult v) {
        if (!v.ran()) {
            return v.failure() != null ? "failed: " + v.failure() : "not run (interrupted)";
        }
        var s = v.merged().streams();
        long completed = s.terminal(StreamState.COMPLETED);
        StringBuilder b = new StringBuilder();
        for (var st : StreamState.values()) {
            if (st != StreamState.COMPLETED && s.terminal(st) > 0) {
                b.append(", ").append(st.key()).append(' ').append(s.terminal(st));
            }
        }
        if (s.live() > 0) {
            b.append(", live ").append(s.live());
        }
        return b.isEmpty() ? "all " + completed + " completed" : completed + " completed" + b;
    }
}
