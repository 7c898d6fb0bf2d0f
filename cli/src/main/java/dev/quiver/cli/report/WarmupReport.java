package dev.quiver.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import dev.quiver.core.report.Warmup;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The warm-up in every report format: the JSON block {@code warmup} (always present, zeros when none
 * ran), read back for merges, and the words the text and HTML reports use. Its errors are listed
 * apart: they are not the measured run's.
 */
public final class WarmupReport {

    private WarmupReport() {
    }

    /** The JSON block: {@code {duration_s, requests, ok, failed, aborted, retried, not_started, errors{...}}}. */
    public static Map<String, Object> tree(Warmup w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration_s", Units.round3(w.durationSeconds()));
        m.put("requests", w.requests());
        m.put("ok", w.ok());
        m.put("failed", w.failed());
        m.put("aborted", w.aborted());
        m.put("retried", w.retried());
        m.put("not_started", w.notStarted());
        m.put("errors", w.errors());
        return m;
    }

    /** The block read back; {@link Warmup#NONE} for a report written before quiver had warm-ups. */
    public static Warmup read(JsonNode root) {
        JsonNode w = root.get("warmup");
        if (w == null || w.isNull()) {
            return Warmup.NONE;
        }
        Map<String, Long> errors = new LinkedHashMap<>();
        JsonNode e = w.get("errors");
        if (e == null || !e.isObject()) {
            throw new IllegalArgumentException("missing key warmup.errors");
        }
        e.fields().forEachRemaining(f -> errors.put(f.getKey(), count(f.getValue(), "errors." + f.getKey())));
        JsonNode d = w.get("duration_s");
        if (d == null || !d.isNumber() || d.asDouble() < 0) {
            throw new IllegalArgumentException("missing key warmup.duration_s");
        }
        // not_started came later: a report without it had none
        long notStarted = w.has("not_started") ? count(w.get("not_started"), "not_started") : 0;
        return new Warmup(d.asDouble(), count(w.get("requests"), "requests"), count(w.get("ok"), "ok"),
                count(w.get("failed"), "failed"), count(w.get("aborted"), "aborted"), count(w.get("retried"), "retried"), errors,
                notStarted);
    }

    private static long count(JsonNode n, String key) {
        if (n == null || !n.canConvertToExactIntegral() || n.asLong() < 0) {
            throw new IllegalArgumentException("warmup." + key + " must be a count");
        }
        return n.asLong();
    }

    /** One sentence, or null when no warm-up ran. */
    public static String sentence(RunResult r) {
        Warmup w = r.warmup();
        if (!w.ran()) {
            return null;
        }
        String behind = w.notStarted() == 0 ? "" : String.format(Locale.ROOT,
                "; %d more were due but not started (it fell behind its rate) and were dropped at its end", w.notStarted());
        return String.format(Locale.ROOT, "warm-up %.1f s on the same connections before the measured part: %d requests "
                + "(ok %d, failed %d, aborted %d), none of them counted%s", w.durationSeconds(), w.requests(), w.ok(), w.failed(),
                w.aborted(), behind);
    }

    /** The text report's lines: nothing when no warm-up ran. */
    public static void print(RunResult r, PrintWriter out) {
        String s = sentence(r);
        if (s == null) {
            return;
        }
        out.printf(Locale.ROOT, "  Warm-up:       %s%n", s.substring("warm-up ".length()));
        r.warmup().errors().forEach((k, n) -> out.printf(Locale.ROOT, "  Warm-up error: [%d] %s%n", n, k));
    }
}
