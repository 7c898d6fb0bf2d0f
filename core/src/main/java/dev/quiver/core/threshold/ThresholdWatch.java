package dev.quiver.core.threshold;

import dev.quiver.core.report.Metric;
import dev.quiver.core.report.Units;
import dev.quiver.core.stats.LatencyRecorders;
import dev.quiver.core.stats.LiveSample;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Follows a run's thresholds while it goes ({@code --threshold-abort}) and says when one can no
 * longer pass whatever the rest of the run does; it never guesses. Fed on the reporter thread once
 * per interval ({@link LiveSample}); it keeps its own running total of the histograms its
 * thresholds name, one per metric, so its memory does not grow with the run.
 *
 * <ul>
 *   <li>a count of failed requests ({@code errors}, {@code errors{C}}) with {@code <} or {@code <=}: as soon as it is over,
 *       since a count only grows;</li>
 *   <li>{@code error_rate} ({@code <}, {@code <=}) and {@code success_rate} ({@code >}, {@code >=}): when the failures so
 *       far, against the most requests the run can have ({@link RequestBound}), already break it;</li>
 *   <li>a percentile {@code pQ} with {@code <} or {@code <=} (also {@code max}): when more requests than
 *       {@code (1 - Q/100)} of that most already took longer than the limit;</li>
 *   <li>{@code rps} ({@code >}, {@code >=}) in the open model with {@code -z} and no {@code -n}: when even every request
 *       still scheduled completing would not reach it over the run's length.</li>
 * </ul>
 * Everything else ({@code mean}, lower bounds on latency, {@code client_bound}, rates and percentiles of a run with no
 * bound on its requests) is judged at the end only.
 */
public final class ThresholdWatch {

    private final List<Threshold> thresholds;
    private final RequestBound bound;
    private final Map<Metric, Histogram> totals = new EnumMap<>(Metric.class);

    public ThresholdWatch(List<Threshold> thresholds, RequestBound bound) {
        this.thresholds = List.copyOf(thresholds);
        this.bound = bound;
        for (Threshold t : this.thresholds) {
            if (t.figure().kind() == Figure.Kind.PERCENTILE && t.operator().isUpperBound()) {
                totals.computeIfAbsent(t.figure().metric(), m -> LatencyRecorders.newHistogram());
            }
        }
    }

    /** Adds the sample's interval; the first threshold that can no longer pass, with why, or null. */
    public ThresholdResults.Abort check(LiveSample s) {
        totals.forEach((m, total) -> {
            AbstractHistogram h = s.interval().get(m);
            if (h != null) {
                total.add(h);
            }
        });
        for (Threshold t : thresholds) {
            String why = whyItCannotPass(t, s);
            if (why != null) {
                return new ThresholdResults.Abort(t, why);
            }
        }
        return null;
    }

    private String whyItCannotPass(Threshold t, LiveSample s) {
        Figure f = t.figure();
        Operator op = t.operator();
        long n = bound.maxRequests();
        switch (f.kind()) {
            case ERRORS -> {
                long count = f.category() == null ? s.failed() : f.countOf(s.errors());
                if (op.isUpperBound() && !op.holds(count, t.limit())) {
                    return count + " failed" + (f.category() == null ? "" : " (" + f.category() + ")") + " already; a count only grows";
                }
            }
            case ERROR_RATE -> {
                if (op.isUpperBound() && bound.known() && n > 0 && !op.holds((double) s.failed() / n, t.limit())) {
                    return s.failed() + " failed of at most " + n + " requests: the rate stays at least "
                            + Unit.FRACTION.format((double) s.failed() / n);
                }
            }
            case SUCCESS_RATE -> {
                double best = n > 0 ? 1 - (double) s.failed() / n : 1;
                if (op.isLowerBound() && bound.known() && n > 0 && !op.holds(best, t.limit())) {
                    return s.failed() + " failed of at most " + n + " requests: the success rate stays at most "
                            + Unit.FRACTION.format(best);
                }
            }
            case PERCENTILE -> {
                Histogram total = totals.get(f.metric());
                if (total != null && bound.known()) {
                    long above = Figure.countAbove(total, t.limit());
                    double allowed = (1 - f.percentile() / 100) * n;
                    // LESS fails at the limit itself too; counting only values above it is the safe side.
                    if (above > allowed) {
                        return String.format(Locale.ROOT, "%d requests took longer than %s, more than %s of at most %d requests",
                                above, t.limitText(), Unit.FRACTION.format(1 - f.percentile() / 100), n);
                    }
                }
            }
            case RPS -> {
                double seconds = bound.fixedSeconds();
                if (op.isLowerBound() && !Double.isNaN(seconds) && seconds > 0) {
                    double best = (s.ok() + Math.max(0, n - s.finished())) / seconds;
                    if (!op.holds(best, t.limit())) {
                        return String.format(Locale.ROOT, "%d completed, %d failed or aborted of at most %d requests in %s s: "
                                + "at most %s", s.ok(), s.failed() + s.aborted(), n, Units.round3(seconds), Unit.PER_SECOND.format(best));
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }
}
