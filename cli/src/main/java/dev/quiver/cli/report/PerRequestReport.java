package dev.quiver.cli.report;

import dev.quiver.core.report.CompressedHistogram;
import dev.quiver.core.report.RequestResult;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The requests of a {@code --urls} file in the text and JSON reports: a row each (at most 32, the
 * rest as {@code other}) with its weight, its share of the requests, outcomes, statuses and latency.
 * A run of one URL has no rows, and then neither report changes.
 */
public final class PerRequestReport {

    /** The JSON key of the rows. */
    public static final String KEY = "urls";

    private PerRequestReport() {
    }

    /** The "Per request" table and a blank line; nothing for a run of one URL. */
    static void print(RunResult r, PrintWriter out) {
        print(r, "Per request:", out);
    }

    /** The table under {@code heading} (a comparison has one per variant); nothing for a run of one URL. */
    static void print(RunResult r, String heading, PrintWriter out) {
        if (r.perRequest().isEmpty()) {
            return;
        }
        long all = 0;
        long weights = 0;
        int width = "request".length();
        for (RequestResult row : r.perRequest()) {
            all += row.requests();
            weights += row.weight();
            width = Math.max(width, row.label().length());
        }
        out.println(heading);
        String format = "  %-" + width + "s %7s %7s %7s %9s %8s %7s %10s %10s %10s  %s%n";
        out.printf(Locale.ROOT, format, "request", "weight", "wanted", "share", "requests", "ok", "failed", "p50", "p99", "max",
                "status");
        for (RequestResult row : r.perRequest()) {
            Histogram h = row.latency();
            boolean any = h.getTotalCount() > 0;
            out.printf(Locale.ROOT, format, row.label(), row.weight(),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * row.weight() / weights),
                    all == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * row.requests() / all),
                    row.requests(), row.ok(), row.failed(),
                    any ? Units.formatMillis(Units.percentileMillis(h, 50)) : "-",
                    any ? Units.formatMillis(Units.percentileMillis(h, 99)) : "-",
                    any ? Units.formatMillis(Units.percentileMillis(h, 100)) : "-",
                    statuses(row.status()));
        }
        out.println("  (wanted: the weight's part of all weights; share: the part of the requests that ended; latency of the ok ones)");
        out.println();
    }

    private static String statuses(Map<String, Long> status) {
        if (status.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        status.forEach((k, v) -> parts.add(k + " x" + v));
        return String.join(", ", parts);
    }

    /** Puts {@code urls: [...]} into a run's JSON tree, only when the run had --urls. */
    static void put(Map<String, Object> tree, RunResult r) {
        if (r.perRequest().isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RequestResult row : r.perRequest()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", row.label());
            m.put("method", row.method());
            m.put("path", row.path());
            m.put("weight", row.weight());
            m.put("requests", row.requests());
            m.put("ok", row.ok());
            m.put("failed", row.failed());
            m.put("aborted", row.aborted());
            m.put("status", row.status());
            m.put("latency_ms", latency(row.latency()));
            m.put("latency_histogram", CompressedHistogram.of(row.latency()).base64());
            rows.add(m);
        }
        tree.put(KEY, rows);
    }

    private static Map<String, Object> latency(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean any = h.getTotalCount() > 0;
        m.put("p50", any ? Units.round3(Units.percentileMillis(h, 50)) : null);
        m.put("p90", any ? Units.round3(Units.percentileMillis(h, 90)) : null);
        m.put("p99", any ? Units.round3(Units.percentileMillis(h, 99)) : null);
        m.put("max", any ? Units.round3(Units.percentileMillis(h, 100)) : null);
        m.put("mean", any ? Units.round3(Units.meanMillis(h)) : null);
        m.put("count", h.getTotalCount());
        return m;
    }
}
