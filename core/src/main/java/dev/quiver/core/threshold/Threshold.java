package dev.quiver.core.threshold;

import dev.quiver.core.report.RunResult;

/**
 * A condition a run must meet, as the user wrote it ({@code p99<50ms}, {@code error_rate<0.1%},
 * {@code rps>1900}): a {@link Figure}, an {@link Operator} and a limit in the figure's {@link Unit}
 * (milliseconds, requests per second, a share from 0 to 1, a count, 1 or 0).
 *
 * @param text the condition as written, for reports
 */
public record Threshold(String text, Figure figure, Operator operator, double limit) {

    /** Reads one threshold; an {@link IllegalArgumentException} with one line saying what is wrong. */
    public static Threshold parse(String text) {
        return ThresholdParser.parse(text);
    }

    /** This threshold judged on a finished run (or several merged). */
    public ThresholdResult evaluate(RunResult r) {
        double actual = figure.valueOf(r);
        boolean passed = operator.holds(actual, limit);
        return new ThresholdResult(this, actual, passed, Double.isNaN(actual) ? figure.whyNoValue() : null);
    }

    /** The limit for people: {@code 50 ms}, {@code 0.1%}. */
    public String limitText() {
        return figure.unit().format(limit);
    }
}
