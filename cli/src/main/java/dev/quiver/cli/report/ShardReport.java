package dev.quiver.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.cli.merge.MergedRun;
import dev.quiver.cli.merge.ShardFile;
import dev.quiver.cli.report.html.ShardSection;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import dev.quiver.core.shard.Shard;
import dev.quiver.core.time.WallClock;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What sharding adds to a run's report, in every format: which shard of how many it was ({@code shard})
 * and when it was told to start and how late it began ({@code start_at}); and for merged shards
 * ({@code quiver merge}, {@code quiver k8s collect}) the run's report of the merged result with a
 * row per part ({@code shards}). The run's own keys stay as a run writes them.
 */
public final class ShardReport {

    /** A shard that began later than this after its start instant is called late in the text. */
    static final double LATE_MILLIS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardReport() {
    }

    /** The run's report kind, with {@code shard} and {@code start_at} when given; {@code base} itself when neither is. */
    public static ReportKind<RunResult> run(ReportKind<RunResult> base, Shard shard, Instant startAt) {
        if (shard == null && startAt == null) {
            return base;
        }
        long at = startAt == null ? -1 : WallClock.micros(startAt);
        return new ReportKind<>(base.name(),
                r -> base.text().render(r) + System.lineSeparator() + text(shard, at, r),
                r -> addTo(base.json().render(r), runKeys(shard, at, r)),
                r -> ShardSection.addTo(base.html().render(r), text(shard, at, r), List.of()));
    }

    /** Merged parts: the run's report of the merged result, plus {@code shards}. */
    public static final ReportKind<MergedRun> MERGE = new ReportKind<>("merged run",
            m -> TextReport.render(m.merged()) + System.lineSeparator() + mergeText(m),
            m -> addTo(JsonReport.render(m.merged()), Map.of("shards", shardsTree(m))),
            m -> ShardSection.addTo(ReportKind.RUN.html().render(m.merged()), mergeHeading(m), rows(m)));

    private static Map<String, Object> runKeys(Shard shard, long atMicros, RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (shard != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("index", shard.index());
            s.put("count", shard.count());
            m.put("shard", s);
        }
        if (atMicros >= 0) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("time", Instant.EPOCH.plus(atMicros, ChronoUnit.MICROS).toString());
            s.put("epoch_us", atMicros);
            s.put("late_ms", JsonReport.round(lateMicros(atMicros, r) / 1000.0));
            m.put("start_at", s);
        }
        return m;
    }

    private static long lateMicros(long atMicros, RunResult r) {
        return Math.max(0, r.window().startMicros() - atMicros);
    }

    private static String text(Shard shard, long atMicros, RunResult r) {
        StringBuilder b = new StringBuilder();
        if (shard != null) {
            b.append(String.format(Locale.ROOT, "Shard:           %d of %d (numbered from 0)%n", shard.index(), shard.count()));
        }
        if (atMicros >= 0) {
            double late = lateMicros(atMicros, r) / 1000.0;
            b.append(String.format(Locale.ROOT, "Start at:        %s, load began %s%n",
                    Instant.EPOCH.plus(atMicros, ChronoUnit.MICROS), late > LATE_MILLIS
                            ? String.format(Locale.ROOT, "LATE by %.1f ms (not ready in time)", late)
                            : String.format(Locale.ROOT, "on time (+%.1f ms)", late)));
        }
        return b.toString();
    }

    private static String mergeHeading(MergedRun m) {
        return String.format(Locale.ROOT, "Merged %d parts: latency, first-byte and phase percentiles from their added histograms; "
                + "start skew %.1f ms%s", m.parts().size(), m.startSkewMicros() / 1000.0,
                m.shardProblems().isEmpty() ? "" : "; " + String.join("; ", m.shardProblems()));
    }

    private static String mergeText(MergedRun m) {
        StringBuilder b = new StringBuilder(mergeHeading(m)).append(System.lineSeparator());
        List<List<String>> rows = rows(m);
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            b.append(' ');
            for (int i = 0; i < row.size(); i++) {
                b.append(' ').append(i == 1 ? pad(row.get(i), widths[i]) : padLeft(row.get(i), widths[i]));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    /** Heading row first: one row per part, in the order given. */
    private static List<List<String>> rows(MergedRun m) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("shard", "from", "start +ms", "late ms", "requests", "ok", "failed", "req/s", "p50 ms", "p99 ms", "books"));
        long first = m.firstStartMicros();
        for (ShardFile p : m.parts()) {
            RunResult r = p.result();
            rows.add(List.of(p.shardLabel(), p.name(), fixed((r.window().startMicros() - first) / 1000.0, 1),
                    p.startAtMicros() < 0 ? "-" : fixed(p.lateMicros() / 1000.0, 1), Long.toString(r.requests().total()),
                    Long.toString(r.requests().ok()), Long.toString(r.requests().failed()), fixed(r.rps(), 1),
                    fixed(Units.percentileMillis(r.histograms().latency(), 50), 3),
                    fixed(Units.percentileMillis(r.histograms().latency(), 99), 3),
                    r.streams().balanced() ? "ok" : "LEAK (live " + r.streams().live() + ")"));
        }
        return rows;
    }

    private static Map<String, Object> shardsTree(MergedRun m) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("count", m.parts().size());
        t.put("start_skew_ms", JsonReport.round(m.startSkewMicros() / 1000.0));
        t.put("problems", m.shardProblems());
        List<Map<String, Object>> parts = new ArrayList<>();
        long first = m.firstStartMicros();
        for (ShardFile p : m.parts()) {
            RunResult r = p.result();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", p.name());
            row.put("index", p.shard() == null ? null : p.shard().index());
            row.put("of", p.shard() == null ? null : p.shard().count());
            row.put("start_epoch_us", r.window().startMicros());
            row.put("start_offset_ms", JsonReport.round((r.window().startMicros() - first) / 1000.0));
            row.put("late_ms", p.startAtMicros() < 0 ? null : JsonReport.round(p.lateMicros() / 1000.0));
            row.put("duration_s", JsonReport.round(r.durationSeconds()));
            row.put("requests", r.requests().total());
            row.put("ok", r.requests().ok());
            row.put("failed", r.requests().failed());
            row.put("rps", JsonReport.round(r.rps()));
            row.put("p50_ms", rounded(Units.percentileMillis(r.histograms().latency(), 50)));
            row.put("p99_ms", rounded(Units.percentileMillis(r.histograms().latency(), 99)));
            row.put("streams_opened", r.streams().opened());
            row.put("streams_live", r.streams().live());
            row.put("books_balanced", r.streams().balanced());
            parts.add(row);
        }
        t.put("parts", parts);
        return t;
    }

    private static Double rounded(double v) {
        return Double.isNaN(v) ? null : JsonReport.round(v);
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    /** The keys added to a JSON report (one object); its own keys stay as written. */
    static String addTo(String jsonReport, Map<String, Object> keys) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(jsonReport);
            keys.forEach((k, v) -> tree.set(k, JSON.valueToTree(v)));
            return JsonReport.toJson(tree) + System.lineSeparator();
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a JSON report that is not one object", e);
        }
    }
}
