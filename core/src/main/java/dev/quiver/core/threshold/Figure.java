package dev.quiver.core.threshold;

import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * One figure of a run that a threshold judges: a percentile (or the mean) of one of its histograms,
 * the completed requests per second, the error or success rate, a count of failed requests (all, or
 * of one error category or kind), or whether quiver itself was the bottleneck.
 *
 * @param kind what is measured
 * @param metric the histogram of a {@link Kind#PERCENTILE} or {@link Kind#MEAN}, else null
 * @param percentile 0 &lt; q &lt;= 100 for {@link Kind#PERCENTILE} (100 is the largest value), else NaN
 * @param category for {@link Kind#ERRORS}: the category, or a kind ({@code timed_out}) meaning every category of
 *                 that kind; null for all failed requests
 */
public record Figure(Kind kind, Metric metric, double percentile, String category) {

    /** What a figure measures. */
    public enum Kind {
        PERCENTILE, MEAN, RPS, ERROR_RATE, SUCCESS_RATE, ERRORS, CLIENT_BOUND
    }

    public static Figure percentile(Metric m, double q) {
        return new Figure(Kind.PERCENTILE, m, q, null);
    }

    public static Figure mean(Metric m) {
        return new Figure(Kind.MEAN, m, Double.NaN, null);
    }

    public static Figure of(Kind k) {
        return new Figure(k, null, Double.NaN, null);
    }

    public static Figure errors(String category) {
        return new Figure(Kind.ERRORS, null, Double.NaN, category);
    }

    public Unit unit() {
        return switch (kind) {
            case PERCENTILE, MEAN -> Unit.MILLIS;
            case RPS -> Unit.PER_SECOND;
            case ERROR_RATE, SUCCESS_RATE -> Unit.FRACTION;
            case ERRORS -> Unit.COUNT;
            case CLIENT_BOUND -> Unit.BOOLEAN;
        };
    }

    /** The figure's name as reports write it: {@code latency.p99}, {@code first_byte.max}, {@code errors{timed_out}}, {@code rps}. */
    public String name() {
        return switch (kind) {
            case PERCENTILE -> metric.key() + "." + (percentile >= 100 ? "max" : "p" + decimal(percentile));
            case MEAN -> metric.key() + ".mean";
            case RPS -> "rps";
            case ERROR_RATE -> "error_rate";
            case SUCCESS_RATE -> "success_rate";
            case ERRORS -> category == null ? "errors" : "errors{" + category + "}";
            case CLIENT_BOUND -> "client_bound";
        };
    }

    /** The figure of a finished run (or of several merged); NaN when the run has none (no completed request). */
    public double valueOf(RunResult r) {
        return switch (kind) {
            case PERCENTILE -> Units.percentileMillis(r.histograms().get(metric), percentile);
            case MEAN -> Units.meanMillis(r.histograms().get(metric));
            case RPS -> r.rps();
            case ERROR_RATE -> rate(r.requests().failed(), r.requests().ok() + r.requests().failed());
            case SUCCESS_RATE -> rate(r.requests().ok(), r.requests().ok() + r.requests().failed());
            case ERRORS -> category == null ? r.requests().failed() : countOf(r.errors());
            case CLIENT_BOUND -> r.clientBound().saturated() ? 1 : 0;
        };
    }

    /** Why {@link #valueOf} is NaN, for a report: {@code no completed request}. */
    public String whyNoValue() {
        return switch (kind) {
            case PERCENTILE, MEAN -> metric == Metric.LATENCY || metric == Metric.FIRST_BYTE
                    ? "no completed request" : "no " + metric.key() + " in this run";
            case ERROR_RATE, SUCCESS_RATE -> "no request finished";
            default -> "no value";
        };
    }

    /** Failed requests of this figure's category: the category itself, or every category of a kind ({@code kind: ...}). */
    long countOf(Map<String, Long> errors) {
        long n = 0;
        for (Map.Entry<String, Long> e : errors.entrySet()) {
            String k = e.getKey();
            if (k.equals(category) || k.startsWith(category + ":")) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** The values of a histogram of microseconds above {@code limitMillis}, as a percentile would see them. */
    static long countAbove(AbstractHistogram h, double limitMillis) {
        long limitMicros = (long) Math.floor(limitMillis * 1000);
        if (limitMicros < 0) {
            return h.getTotalCount();
        }
        return h.getTotalCount() - h.getCountBetweenValues(0, Math.min(limitMicros, h.getHighestTrackableValue()));
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static String decimal(double q) {
        return q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
    }
}
