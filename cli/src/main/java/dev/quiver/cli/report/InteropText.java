package dev.quiver.cli.report;

import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.Verdict;
import java.util.Locale;

/** The interop matrix for people: one row per case, one column per engine, then what each cell saw. */
public final class InteropText {

    private InteropText() {
    }

    /** One line per finished cell while the run goes on (stderr). */
    public static String progressLine(CaseResult r) {
        return String.format(Locale.ROOT, "  %-13s %-6s %-11s (%d ms)", r.interopCase().id(), r.engine(),
                r.verdict().label(), r.millis());
    }

    public static String render(InteropMatrix m) {
        StringBuilder s = new StringBuilder();
        s.append("Interop: ").append(m.target()).append('\n').append('\n');
        // The case column is as wide as the longest case name of this run (connectionmigration is 19).
        int width = Math.max(13, m.cases().stream().mapToInt(c -> c.id().length()).max().orElse(0));
        String caseColumn = "  %-" + width + "s";
        s.append(String.format(Locale.ROOT, caseColumn, "case"));
        for (String e : m.engines()) {
            s.append(String.format(Locale.ROOT, " %-12s", e));
        }
        s.append('\n');
        for (InteropCase c : m.cases()) {
            s.append(String.format(Locale.ROOT, caseColumn, c.id()));
            for (String e : m.engines()) {
                String cell = m.cell(c, e).map(r -> r.verdict().label()).orElse("-");
                s.append(String.format(Locale.ROOT, " %-12s", cell));
            }
            s.append('\n');
        }
        s.append('\n').append("Observed:\n");
        for (InteropCase c : m.cases()) {
            for (String e : m.engines()) {
                m.cell(c, e).ifPresent(r -> s.append(String.format(Locale.ROOT, caseColumn + " %-6s %-11s %s (%d ms)%n",
                        c.id(), e, r.verdict().label(), r.detail(), r.millis())));
            }
        }
        s.append('\n').append(result(m)).append('\n');
        return s.toString();
    }

    /** The counts and the outcome in one line (text and HTML reports). */
    public static String result(InteropMatrix m) {
        String verdict = !m.complete()
                ? "interrupted after " + m.results().size() + " of " + m.cases().size() * m.engines().size() + " cells"
                : !m.allSupportedPassed() ? "some cases failed"
                : m.count(Verdict.NOT_SHOWN) > 0 ? "no case failed" : "every supported case passed";
        long notShown = m.count(Verdict.NOT_SHOWN);
        return String.format(Locale.ROOT, "Result: %d pass, %d fail, %d unsupported%s: %s",
                m.count(Verdict.PASS), m.count(Verdict.FAIL), m.count(Verdict.UNSUPPORTED),
                notShown > 0 ? ", " + notShown + " not shown" : "", verdict);
    }
}
