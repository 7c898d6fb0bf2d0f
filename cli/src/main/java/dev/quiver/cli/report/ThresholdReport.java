package dev.quiver.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.core.report.Units;
import dev.quiver.core.threshold.ThresholdResult;
import dev.quiver.core.threshold.ThresholdResults;
import dev.quiver.core.threshold.Unit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The thresholds of a command, judged: a Thresholds block after the text report, {@code thresholds}
 * in the JSON report, and a section on the HTML page ({@link dev.quiver.cli.report.html.ThresholdSection}).
 * A run or a leak check has one set of results; a comparison one per variant, each under its variant.
 * Without {@code --threshold} it adds nothing.
 *
 * @param bySubject results by what was judged: {@link #RUN} for a run's own, else the variant's label ({@code h2/netty})
 */
public record ThresholdReport(Map<String, ThresholdResults> bySubject) {

    /** The subject of a run's (or a leak check's load's) own thresholds. */
    public static final String RUN = "";
    /** No thresholds given. */
    public static final ThresholdReport NONE = new ThresholdReport(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    public ThresholdReport {
        bySubject = Collections.unmodifiableMap(new LinkedHashMap<>(bySubject));
    }

    /** A run's own results; {@link #NONE} when there were no thresholds. */
    public static ThresholdReport ofRun(ThresholdResults results) {
        return results.isEmpty() ? NONE : new ThresholdReport(Map.of(RUN, results));
    }

    public boolean isEmpty() {
        return bySubject.values().stream().allMatch(ThresholdResults::isEmpty);
    }

    /** Whether every threshold of every subject passed. */
    public boolean passed() {
        return bySubject.values().stream().allMatch(ThresholdResults::passed);
    }

    /** The text block, starting with an empty line; nothing without thresholds. */
    public String text() {
        if (isEmpty()) {
            return "";
        }
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder(nl);
        for (Map.Entry<String, ThresholdResults> e : bySubject.entrySet()) {
            ThresholdResults r = e.getValue();
            long passed = r.results().stream().filter(ThresholdResult::passed).count();
            b.append("Thresholds").append(e.getKey().isEmpty() ? "" : " (" + e.getKey() + ")").append(": ")
                    .append(r.passed() ? "all " + passed + " passed" : passed + " of " + r.results().size() + " passed")
                    .append(nl);
            for (ThresholdResult t : r.results()) {
                b.append(String.format(Locale.ROOT, "  %-4s  %-24s %s = %s", t.passed() ? "pass" : "FAIL", t.threshold().text(),
                        t.threshold().figure().name(), t.actualText())).append(nl);
            }
            if (r.abortedBy() != null) {
                b.append("  run ended early: ").append(r.abortedBy().threshold().text()).append(" could no longer pass: ")
                        .append(r.abortedBy().reason()).append(nl);
            }
        }
        return b.toString();
    }

    /** One subject's results as JSON reports write them under {@code thresholds}. */
    public static Map<String, Object> tree(ThresholdResults r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", r.passed());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ThresholdResult t : r.results()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("threshold", t.threshold().text());
            one.put("figure", t.threshold().figure().name());
            one.put("op", t.threshold().operator().symbol());
            one.put("limit", t.threshold().limit());
            one.put("unit", t.threshold().figure().unit().key());
            one.put("actual", actual(t));
            one.put("passed", t.passed());
            one.put("note", t.note());
            list.add(one);
        }
        m.put("results", list);
        Map<String, Object> abort = null;
        if (r.abortedBy() != null) {
            abort = new LinkedHashMap<>();
            abort.put("threshold", r.abortedBy().threshold().text());
            abort.put("reason", r.abortedBy().reason());
        }
        m.put("aborted_by", abort);
        return m;
    }

    /** The figure as JSON writes it: three decimals (a rate six), null when the run had none. */
    private static Object actual(ThresholdResult t) {
        double v = t.actual();
        if (Double.isNaN(v)) {
            return null;
        }
        return t.threshold().figure().unit() == Unit.FRACTION ? Math.round(v * 1e6) / 1e6 : Units.round3(v);
    }

    /**
     * Adds the results to a JSON report (one object): a run's under {@code thresholds}; a comparison's in
     * each of its {@code variants[]} under {@code thresholds}, and {@code thresholds_passed} at the top.
     */
    String addTo(String jsonReport) {
        if (isEmpty()) {
            return jsonReport;
        }
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(jsonReport);
            ThresholdResults own = bySubject.get(RUN);
            if (own != null) {
                tree.set("thresholds", JSON.valueToTree(tree(own)));
            } else {
                for (JsonNode v : tree.path("variants")) {
                    ThresholdResults r = bySubject.get(v.path("variant").asText());
                    if (r != null && v instanceof ObjectNode o) {
                        o.set("thresholds", JSON.valueToTree(tree(r)));
                    }
                }
                tree.put("thresholds_passed", passed());
            }
            return JsonReport.toJson(tree) + System.lineSeparator();
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a JSON report that is not one object", e);
        }
    }
}
