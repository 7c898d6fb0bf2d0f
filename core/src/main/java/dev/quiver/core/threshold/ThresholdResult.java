package dev.quiver.core.threshold;

/**
 * One threshold judged.
 *
 * @param actual the run's figure, NaN when it had none (then the threshold failed)
 * @param note why there is no figure, or null
 */
public record ThresholdResult(Threshold threshold, double actual, boolean passed, String note) {

    /** The run's figure for people: {@code 12.345 ms}, or {@code none (no completed request)}. */
    public String actualText() {
        String v = threshold.figure().unit().format(actual);
        return note == null ? v : v + " (" + note + ")";
    }
}
