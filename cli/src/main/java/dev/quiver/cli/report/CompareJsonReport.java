package dev.quiver.cli.report;

import dev.quiver.cli.Version;
import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.compare.Round;
import dev.quiver.cli.compare.Row;
import dev.quiver.cli.compare.Rows;
import dev.quiver.cli.compare.VariantResult;
import dev.quiver.cli.compare.Verdict;
import dev.quiver.core.report.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison for machines: {@code variants}, one {@code run} JSON object per variant (its
 * rounds merged) with the variant's name, rounds and CPU cost added, and {@code comparison}, the
 * table's numbers by row and variant, the winners and the summary sentence.
 */
public final class CompareJsonReport {

    private CompareJsonReport() {
    }

    /** The comparison as a JSON document. */
    public static String render(ComparisonResult c) {
        return JsonReport.toJson(tree(c)) + System.lineSeparator();
    }

    public static Map<String, Object> tree(ComparisonResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("comparison", summary(c));
        List<Object> variants = new ArrayList<>();
        for (VariantResult v : c.variants()) {
            variants.add(variant(v));
        }
        m.put("variants", variants);
        return m;
    }

    static Map<String, Object> summary(ComparisonResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", c.spec().target().url());
        m.put("quiver_version", Version.get());
        m.put("started", c.started().toString());
        m.put("rounds", c.rounds());
        m.put("in_flight", c.inFlight());
        m.put("http1_connections", c.inFlight());
        m.put("interrupted", c.interrupted());
        m.put("stop_reason", c.interrupted() ? c.stoppedBy().stopReason().key() : null);
        List<String> labels = c.variants().stream().map(v -> v.variant().label()).toList();
        m.put("variant_names", labels);
        Map<String, Object> rows = new LinkedHashMap<>();
        Map<String, Object> winners = new LinkedHashMap<>();
        for (Row row : Rows.ALL) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (VariantResult v : c.variants()) {
                double x = Row.rounded(row.of(v));
                values.put(v.variant().label(), Double.isNaN(x) ? null : x);
            }
            rows.put(row.key(), values);
            List<String> w = new ArrayList<>();
            for (int i : row.winners(c.variants())) {
                w.add(labels.get(i));
            }
            winners.put(row.key(), w);
        }
        m.put("rows", rows);
        m.put("winners", winners);
        Map<String, Object> streams = new LinkedHashMap<>();
        Map<String, Object> failures = new LinkedHashMap<>();
        for (VariantResult v : c.variants()) {
            streams.put(v.variant().label(), Rows.streams(v));
            failures.put(v.variant().label(), v.failure());
        }
        m.put("streams", streams);
        m.put("failed", failures);
        m.put("summary", Verdict.of(c));
        return m;
    }

    private static Map<String, Object> variant(VariantResult v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", v.variant().label());
        m.put("failed", v.failure());
        RunResult merged = v.merged();
        if (merged == null) {
            m.put("protocol", v.variant().protocol().displayName());
            m.put("engine", v.variant().engine().name());
            m.put("rounds", List.of());
            return m;
        }
        List<Object> rounds = new ArrayList<>();
        for (Round r : v.rounds()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("duration_s", Row.rounded(r.durationSeconds()));
            x.put("total", r.total());
            x.put("ok", r.ok());
            x.put("failed", r.failed());
            x.put("aborted", r.aborted());
            x.put("rps", Row.rounded(r.rps()));
            x.put("latency_count", r.latencyCount());
            x.put("cpu_s", r.cpuSeconds() < 0 ? null : Row.rounded(r.cpuSeconds()));
            rounds.add(x);
        }
        m.put("rounds", rounds);
        double cpu = Row.rounded(v.cpuSecondsPer1k());
        m.put("cpu_s_per_1k", Double.isNaN(cpu) ? null : cpu);
        m.putAll(JsonReport.tree(merged));
        return m;
    }
}
