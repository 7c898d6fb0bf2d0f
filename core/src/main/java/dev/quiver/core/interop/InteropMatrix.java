package dev.quiver.core.interop;

import java.util.List;
import java.util.Optional;

/** The results of an interop run: cases by rows, engines by columns. */
public record InteropMatrix(String target, List<InteropCase> cases, List<String> engines, List<CaseResult> results) {

    public InteropMatrix {
        cases = List.copyOf(cases);
        engines = List.copyOf(engines);
        results = List.copyOf(results);
    }

    public Optional<CaseResult> cell(InteropCase c, String engine) {
        return results.stream().filter(r -> r.interopCase().id().equals(c.id()) && r.engine().equals(engine)).findFirst();
    }

    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    /** True when every case ran on every engine (false after an interruption). */
    public boolean complete() {
        return results.size() == cases.size() * engines.size();
    }

    /** True when every cell ran and none failed: every case an engine supports passed. */
    public boolean allSupportedPassed() {
        return complete() && count(Verdict.FAIL) == 0;
    }
}
