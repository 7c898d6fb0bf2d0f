package dev.quiver.core.threshold;

import dev.quiver.core.report.RunResult;
import java.util.List;

/**
 * The one entry point that judges thresholds on a run's result: {@code quiver run}, each variant of
 * {@code compare}, {@code leak-check}'s load and {@code merge}'s merged result all use it, so a
 * threshold means the same wherever its result comes from.
 */
public final class Thresholds {

    private Thresholds() {
    }

    /** Reads every threshold; the first malformed one gives an {@link IllegalArgumentException} naming it. */
    public static List<Threshold> parse(List<String> texts) {
        return texts.stream().map(Threshold::parse).toList();
    }

    /** Each threshold judged on {@code result}, in order. */
    public static ThresholdResults evaluate(List<Threshold> thresholds, RunResult result) {
        return new ThresholdResults(thresholds.stream().map(t -> t.evaluate(result)).toList(), null);
    }
}
