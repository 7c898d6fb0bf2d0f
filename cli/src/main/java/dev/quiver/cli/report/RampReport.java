package dev.quiver.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.ramp.Stage;
import dev.quiver.core.report.Interval;
import dev.quiver.core.report.Offered;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ramp in every report format: the JSON block {@code ramp} (null for a steady load) and each
 * interval's target, read back for merges, and the words the text and HTML reports use.
 */
public final class RampReport {

    private RampReport() {
    }

    /** The JSON block: {@code {kind, text, total_s, stages[{duration_s, from, to}]}}, or null without a ramp. */
    public static Map<String, Object> tree(Ramp ramp) {
        if (ramp == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", ramp.kind().key());
        m.put("text", ramp.text());
        m.put("total_s", Units.seconds(ramp.total()));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage s : ramp.stages()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("duration_s", s.nanos() / 1e9);
            x.put("from", s.from());
            x.put("to", s.to());
            stages.add(x);
        }
        m.put("stages", stages);
        return m;
    }

    /** An interval's keys for its ramp: {@code target_rps} or {@code target_connections}, when the run had a ramp. */
    static void putTarget(Map<String, Object> interval, RunResult r, Interval i) {
        if (r.ramp() != null && i.offered().hasTarget()) {
            interval.put(targetKey(r.ramp().kind()), Units.round3(i.offered().target()));
        }
    }

    private static String targetKey(RampKind kind) {
        return kind == RampKind.RATE ? "target_rps" : "target_connections";
    }

    /** The block read back; null when the report has none (a steady load, or a report from before ramps). */
    public static Ramp read(JsonNode root) {
        JsonNode r = root.get("ramp");
        if (r == null || r.isNull()) {
            return null;
        }
        JsonNode kind = r.get("kind");
        JsonNode stages = r.get("stages");
        if (kind == null || !kind.isTextual() || stages == null || !stages.isArray()) {
            throw new IllegalArgumentException("ramp needs kind and stages");
        }
        List<Stage> list = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            JsonNode s = stages.get(i);
            list.add(new Stage(Duration.ofNanos(Math.round(number(s, "duration_s", i) * 1e9)), number(s, "from", i),
                    number(s, "to", i)));
        }
        return new Ramp(RampKind.ofKey(kind.asText()), list);
    }

    /** What an interval offered, read back: -1 and NaN for what the report does not carry (one from before). */
    static Offered readOffered(JsonNode interval, Ramp ramp) {
        JsonNode t = ramp == null ? null : interval.get(targetKey(ramp.kind()));
        return new Offered(count(interval, "started"), count(interval, "connections"),
                t == null || !t.isNumber() ? Double.NaN : t.asDouble());
    }

    private static long count(JsonNode interval, String key) {
        JsonNode n = interval.get(key);
        if (n == null) {
            return -1;
        }
        if (!n.canConvertToExactIntegral() || n.asLong() < -1) {
            throw new IllegalArgumentException("intervals[]." + key + " must be a count");
        }
        return n.asLong();
    }

    /** The text report's model, when the load was ramped: what changed, and where latency counts from. */
    public static String model(Ramp ramp) {
        return ramp.kind() == RampKind.RATE
                ? "open, rate in stages (" + ramp.text() + " req/s); latency from the intended start"
                : "closed, connections in stages (" + ramp.text() + "); latency from the actual start";
    }

    /**
     * One stage and what the run did in it, from the intervals whose midpoint falls in the stage.
     *
     * @param span {@code 0s-10s}, from the start of the measured part
     * @param goal the stage's target: {@code 0 -> 1000} or {@code 1000}
     * @param targetPerSecond the stage's mean target over those intervals (req/s scheduled, or connections); NaN without one
     * @param startedPerSecond requests started per second over those intervals (the load offered); NaN without one
     * @param completedPerSecond requests completed per second over them (the load served); NaN without one
     */
    public record StageRow(int number, String span, String goal, double targetPerSecond, double startedPerSecond,
                           double completedPerSecond) {
    }

    /** The stages of a ramped run with what it did in each; empty for a steady run. */
    public static List<StageRow> rows(RunResult r) {
        Ramp ramp = r.ramp();
        if (ramp == null) {
            return List.of();
        }
        List<StageRow> rows = new ArrayList<>();
        long from = 0;
        for (Stage s : ramp.stages()) {
            long to = from + s.nanos();
            long started = 0;
            long completed = 0;
            long micros = 0;
            double target = 0;
            for (Interval i : r.intervals()) {
                long mid = (i.startMicros() + i.lengthMicros() / 2 - r.window().startMicros()) * 1000;
                if (mid >= from && mid < to) {
                    started += Math.max(0, i.offered().started());
                    completed += i.completed();
                    micros += i.lengthMicros();
                    target += i.offered().hasTarget() ? i.offered().target() * i.lengthMicros() : 0;
                }
            }
            String span = Ramp.durationText(Duration.ofNanos(from)) + "-" + Ramp.durationText(Duration.ofNanos(to));
            String goal = number(s.from()) + (s.from() == s.to() ? "" : " -> " + number(s.to()));
            double seconds = micros / 1e6;
            rows.add(new StageRow(rows.size() + 1, span, goal, micros == 0 ? Double.NaN : target / micros,
                    micros == 0 ? Double.NaN : started / seconds, micros == 0 ? Double.NaN : completed / seconds));
            from = to;
        }
        return rows;
    }

    /** The text report's block of stages: each stage's target, and the requests per second started and completed in it. */
    static void print(RunResult r, PrintWriter out) {
        if (r.ramp() == null) {
            return;
        }
        boolean rate = r.ramp().kind() == RampKind.RATE;
        out.println(rate ? "Stages (req/s: target, started, completed):"
                : "Stages (connections: target; req/s: started, completed):");
        for (StageRow row : rows(r)) {
            if (Double.isNaN(row.targetPerSecond())) {
                out.printf(Locale.ROOT, "  %2d  %-12s %-16s (no interval)%n", row.number(), row.span(), row.goal());
            } else {
                out.printf(Locale.ROOT, "  %2d  %-12s %-16s %9.1f %9.1f %9.1f%n", row.number(), row.span(), row.goal(),
                        row.targetPerSecond(), row.startedPerSecond(), row.completedPerSecond());
            }
        }
        out.println();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double number(JsonNode s, String key, int index) {
        JsonNode n = s.get(key);
        if (n == null || !n.isNumber() || n.asDouble() < 0) {
            throw new IllegalArgumentException("ramp.stages[" + index + "]." + key + " must be a number >= 0");
        }
        return n.asDouble();
    }
}
