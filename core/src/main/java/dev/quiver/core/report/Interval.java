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
 * @param offered what the interval offered: requests started, connections open at its end, a ramp's target
 */
public record Interval(long startMicros, long lengthMicros, long completed, long failed, long live,
                       double p50Millis, double p99Millis, Map<Metric, CompressedHistogram> histograms,
                       Offered offered) {

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
        this(startMicros, lengthMicros, completed, failed, live, p50Millis, p99Millis, histograms, Offered.UNKNOWN);
    }

    /** An interval from the histograms a reporter took, without what it offered. */
    public static Interval of(long startMicros, long lengthMicros, long failed, long live,
                              Map<Metric, ? extends AbstractHistogram> taken) {
        return of(startMicros, lengthMicros, failed, live, taken, Offered.UNKNOWN);
    }

    /** An interval from the histograms a reporter took; they are compressed here and not kept. */
    public static Interval of(long startMicros, long lengthMicros, long failed, long live,
                              Map<Metric, ? extends AbstractHistogram> taken, Offered offered) {
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
                completed == 0 ? 0 : Units.millis(latency.getValueAtPercentile(99)), compressed, offered);
    }

    /** This interval and the one right after it (of the same run) as one; live streams are those at its end. */
    public Interval join(Interval next) {
        List<Interval> both = List.of(this, next);
        return IntervalMerge.combine(both, next.live(), Offered.joined(both));
    }

    /**
     * An interval read back from a report: its completed count and percentiles come from its
     * latency histogram.
     */
    public static Interval fromCompressed(long startMicros, long lengthMicros, long failed, long live,
                                          Map<Metric, CompressedHistogram> histograms) {
        return fromCompressed(startMicros, lengthMicros, failed, live, histograms, Offered.UNKNOWN);
    }

    /** As {@link #fromCompressed(long, long, long, long, Map)}, with what the interval offered. */
    public static Interval fromCompressed(long startMicros, long lengthMicros, long failed, long live,
                                          Map<Metric, CompressedHistogram> histograms, Offered offered) {
        CompressedHistogram latency = histograms.get(Metric.LATENCY);
        if (latency == null || latency.count() == 0) {
            return new Interval(startMicros, lengthMicros, 0, failed, live, 0, 0, histograms, offered);
        }
        AbstractHistogram h = latency.decodePacked();
        return new Interval(startMicros, lengthMicros, h.getTotalCount(), failed, live,
                Units.millis(h.getValueAtPercentile(50)), Units.millis(h.getValueAtPercentile(99)), histograms, offered);
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
        return offered.started() < 0 ? -1 : offered.started() / Math.max(1e-9, Units.seconds(lengthMicros));
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
