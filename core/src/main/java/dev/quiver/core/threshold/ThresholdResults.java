package dev.quiver.core.threshold;

import java.util.List;

/**
 * Every threshold of a run judged, in the order they were given.
 *
 * @param abortedBy the threshold that ended the run early because it could no longer pass
 *                  ({@code --threshold-abort}), with why, or null
 */
public record ThresholdResults(List<ThresholdResult> results, Abort abortedBy) {

    /** No thresholds: nothing to judge, nothing failed. */
    public static final ThresholdResults NONE = new ThresholdResults(List.of(), null);

    /** A threshold that could no longer pass, and why it could not. */
    public record Abort(Threshold threshold, String reason) {
    }

    public ThresholdResults {
        results = List.copyOf(results);
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    /** Whether every threshold passed (true when there are none). */
    public boolean passed() {
        return results.stream().allMatch(ThresholdResult::passed);
    }

    public List<ThresholdResult> failed() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** The same results, saying which threshold ended the run. */
    public ThresholdResults abortedBy(Abort a) {
        return new ThresholdResults(results, a);
    }
}
