package dev.quiver.cli.report;

import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The interop matrix as JSON: stable keys, documented in the README. */
public final class InteropJson {

    private InteropJson() {
    }

    /** The matrix as a JSON document. */
    public static String render(InteropMatrix m) {
        return toJson(m) + System.lineSeparator();
    }

    public static String toJson(InteropMatrix m) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", m.target());
        root.put("engines", m.engines());
        root.put("cases", m.cases().stream().map(InteropCase::id).toList());
        List<Map<String, Object>> results = new ArrayList<>();
        for (CaseResult r : m.results()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("case", r.interopCase().id());
            cell.put("engine", r.engine());
            cell.put("verdict", r.verdict().key());
            cell.put("detail", r.detail());
            cell.put("ms", r.millis());
            if (r.measurement() != null) {
                Map<String, Object> m2 = new LinkedHashMap<>();
                m2.put("name", r.measurement().name());
                m2.put("value", r.measurement().value());
                m2.put("unit", r.measurement().unit());
                cell.put("measurement", m2);
            }
            results.add(cell);
        }
        root.put("results", results);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            summary.put(v.key(), m.count(v));
        }
        root.put("summary", summary);
        root.put("complete", m.complete());
        root.put("ok", m.allSupportedPassed());
        return JsonReport.toJson(root);
    }
}
