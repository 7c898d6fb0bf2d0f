package dev.quiver.core.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * One reporting interval of a run (a second by default), placed on the wall clock, so that the
 * intervals of runs that went side by side fall together when their results are merged, and those
 * of runs that went one after another follow each other.
 *
 * @param startMicros wall-clock start, microseconds since the epoch
 * @param lengthMicros how long the interval lasted
 * @param completed requests completed in the interval (the count of its latency histogram)
 * @param failed requests failed in the interval
 * @param live streams open at the end of the interval
 * @param p50Millis median latency of the requests completed in the interval (0 when none), from its histogram
 * @param p99Millis 99th percentile likewise
 * @param histograms the interval's histograms that hold values, compressed; a metric not in the map had none
 * @param started streams opened in the interval (requests started, retries included): the load offered, where
 *                {@code completed} is the load served; -1 when not known (a report that did not carry it)
 * @param target under a ramp, the mean of its target over the interval (requests per second scheduled, or
 *               connections wanted); {@link Double#NaN} for a run without one
 */
public record Interval(long startMicros, long lengthMicros, long completed, long failed, long live,
                       double p50Millis, double p99Millis, Map<Metric, CompressedHistogram> histograms, long started,
                       double target) {

    public Interval {
        EnumMap<Metric, CompressedHistogram> copy = new EnumMap<>(Metric.class);
        histograms.forEach((m, h) -> {
            if (h.count() > 0) {
                copy.put(m, h);
            }
        });
        histograms = Collections.unmodifiableMap(copy);
    }

    /** An interval of a run without a ramp. */
    public Interval(long startMicros, long lengthMicros, long completed, long failed, long live,
                    double p50Millis, double p99Millis, Map<Metric, CompressedHistogram> histograms) {
        this(startMicros, lengthMicros, completed, failed, live, p50Millis, p99Millis, histograms, -1, Double.NaN);
    }

    /** An interval from the histograms a reporter took, without a ramp's target. */
    public static Interval of(long startMicros, long lengthMicros, long failed, long live,
                              Map<Metric, ? extends AbstractHistogram> taken) {
        return of(startMicros, lengthMicros, failed, live, taken, -1, Double.NaN);
    }

    /** An interval from the histograms a reporter took; they are compressed here and not kept. */
    public static Interval of(long startMicros, long lengthMicros, long failed, long live,
                              Map<Metric, ? extends AbstractHistogram> taken, long started, double target) {
        EnumMap<Metric, CompressedHistogram> compressed = new EnumMap<>(Metric.class);
        taken.forEach((m, h) -> {
            if (h.getTotalCount() > 0) {
                compressed.put(m, CompressedHistogram.of(h));
            }
        });
        AbstractHistogram latency = taken.get(Metric.LATENCY);
        long completed = latency == null ? 0 : latency.getTotalCount();
        return new Interval(startMicros, lengthMicros, completed, failed, live,
                completed == 0 ? 0 : Units.millis(latency.getValueAtPercentile(50)),
                completed == 0 ? 0 : Units.millis(latency.getValueAtPercentile(99)), compressed, started, target);
    }

    /** Whether the run had a ramp, so that this interval has a target. */
    public boolean hasTarget() {
        return !Double.isNaN(target);
    }

    /** This interval and the one right after it (of the same run) as one; live streams are those at its end. */
    public Interval join(Interval next) {
        List<Interval> both = List.of(this, next);
        return IntervalMerge.combine(both, next.live(), started(both), meanTarget(both));
    }

    /** Streams started in the parts together; -1 when one of them does not know. */
    static long started(List<Interval> parts) {
        long sum = 0;
        for (Interval i : parts) {
            if (i.started < 0) {
                return -1;
            }
            sum += i.started;
        }
        return sum;
    }

    /** The targets of one run's consecutive intervals as one: their mean weighted by length; NaN when none has one. */
    static double meanTarget(List<Interval> parts) {
        double sum = 0;
        long length = 0;
        for (Interval i : parts) {
            if (i.hasTarget()) {
                sum += i.target * i.lengthMicros;
                length += i.lengthMicros;
            }
        }
        if (length > 0) {
            return sum / length;
        }
        return parts.stream().filter(Interval::hasTarget).mapToDouble(Interval::target).findFirst().orElse(Double.NaN);
    }

    /** The targets of runs side by side (shards of one load) in one slot: their sum; NaN when none has one. */
    static double sumTarget(List<Interval> parts) {
        double sum = 0;
        boolean any = false;
        for (Interval i : parts) {
            if (i.hasTarget()) {
                sum += i.target;
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    /**
     * An interval read back from a report: its completed count and percentiles come from its
     * latency histogram.
     */
    public static Interval fromCompressed(long startMicros, long lengthMicros, long failed, long live,
                                          Map<Metric, CompressedHistogram> histograms) {
        return fromCompressed(startMicros, lengthMicros, failed, live, histograms, -1, Double.NaN);
    }

    /** As {@link #fromCompressed(long, long, long, long, Map)}, with the streams started (-1: unknown) and a ramp's target (NaN: none). */
    public static Interval fromCompressed(long startMicros, long lengthMicros, long failed, long live,
                                          Map<Metric, CompressedHistogram> histograms, long started, double target) {
        CompressedHistogram latency = histograms.get(Metric.LATENCY);
        if (latency == null || latency.count() == 0) {
            return new Interval(startMicros, lengthMicros, 0, failed, live, 0, 0, histograms, started, target);
        }
        AbstractHistogram h = latency.decodePacked();
        return new Interval(startMicros, lengthMicros, h.getTotalCount(), failed, live,
                Units.millis(h.getValueAtPercentile(50)), Units.millis(h.getValueAtPercentile(99)), histograms, started, target);
    }

    public long endMicros() {
        return startMicros + lengthMicros;
    }

    /** Completed requests per second in this interval. */
    public double rps() {
        return completed / Math.max(1e-9, Units.seconds(lengthMicros));
    }

    /** Requests started per second in this interval; -1 when not known. */
    public double startedPerSecond() {
        return started < 0 ? -1 : started / Math.max(1e-9, Units.seconds(lengthMicros));
    }

    /**
     * This interval as progress lines and time plots read it.
     *
     * @param runStartMicros wall-clock start of the run's load: the sample's time counts from there
     */
    public IntervalSample sample(long runStartMicros) {
        return new IntervalSample(Units.seconds(endMicros() - runStartMicros), completed, failed, rps(), p50Millis, p99Millis, live);
    }
}
