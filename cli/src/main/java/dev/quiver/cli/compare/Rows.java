package dev.quiver.cli.compare;

import dev.quiver.cli.compare.Row.Better;
import dev.quiver.cli.compare.Row.Unit;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.stream.StreamState;
import java.util.List;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/** The rows of the comparison table, in the order they are shown. */
public final class Rows {

    private Rows() {
    }

    public static final List<Row> ALL = List.of(
            new Row("rps_median", "req/s (median of rounds)", Better.HIGHER, Unit.RATE, VariantResult::rpsMedian),
            new Row("rps_min", "req/s (slowest round)", Better.HIGHER, Unit.RATE, v -> v.roundRps().get(0)),
            new Row("rps_max", "req/s (fastest round)", Better.HIGHER, Unit.RATE, v -> v.roundRps().get(v.roundRps().size() - 1)),
            percentile("latency_p50_ms", "latency p50", RunResult::latency, 50),
            percentile("latency_p90_ms", "latency p90", RunResult::latency, 90),
            percentile("latency_p99_ms", "latency p99", RunResult::latency, 99),
            percentile("latency_p999_ms", "latency p99.9", RunResult::latency, 99.9),
            percentile("latency_max_ms", "latency max", RunResult::latency, 100),
            percentile("first_byte_p50_ms", "first byte p50", RunResult::firstByte, 50),
            percentile("first_byte_p99_ms", "first byte p99", RunResult::firstByte, 99),
            new Row("setup_p50_ms", "connection set-up p50", Better.LOWER, Unit.MILLIS, v -> setupP50(v.merged())),
            new Row("errors", "errors", Better.LOWER, Unit.COUNT, v -> v.merged().failed()),
            new Row("retried", "retried", Better.LOWER, Unit.COUNT, v -> v.merged().retried()),
            new Row("aborted", "aborted at end", Better.NONE, Unit.COUNT, v -> v.merged().aborted()),
            new Row("bytes_per_s", "received bytes/s", Better.HIGHER, Unit.BYTES_PER_SECOND,
                    v -> v.merged().durationSeconds() > 0 ? v.merged().bytesIn() / v.merged().durationSeconds() : Double.NaN),
            new Row("cpu_s_per_1k", "quiver CPU s / 1k req", Better.LOWER, Unit.SECONDS, VariantResult::cpuSecondsPer1k));

    /** The rows a table shows: with one round, its rate is the median, so slowest and fastest round are left out. */
    public static List<Row> shown(int rounds) {
        return rounds > 1 ? ALL : ALL.stream().filter(r -> !r.key().equals("rps_min") && !r.key().equals("rps_max")).toList();
    }

    public static Row byKey(String key) {
        return ALL.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private static Row percentile(String key, String title, Function<RunResult, Histogram> which, double q) {
        return new Row(key, title, Better.LOWER, Unit.MILLIS, v -> {
            Histogram h = which.apply(v.merged());
            if (h.getTotalCount() == 0) {
                return Double.NaN;
            }
            return (q >= 100 ? h.getMaxValue() : h.getValueAtPercentile(q)) / 1000.0;
        });
    }

    /** QUIC handshake for HTTP/3; TCP connect plus TLS handshake (each its p50) over TCP. */
    static double setupP50(RunResult r) {
        if (r.quicHandshake().getTotalCount() > 0) {
            return r.quicHandshake().getValueAtPercentile(50) / 1000.0;
        }
        if (r.connect().getTotalCount() == 0) {
            return Double.NaN;
        }
        double ms = r.connect().getValueAtPercentile(50) / 1000.0;
        if (r.tlsHandshake().getTotalCount() > 0) {
            ms += r.tlsHandshake().getValueAtPercentile(50) / 1000.0;
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
