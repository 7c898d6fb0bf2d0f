package dev.quiver.core.report;

import dev.quiver.core.stats.LatencyRecorders;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A result's intervals as an HdrHistogram interval log, in the format of its {@link HistogramLogWriter}
 * (so its {@code HistogramLogReader}, HistogramLogAnalyzer and the like read it): a start time and a
 * base time (the load's wall-clock start), then one line per interval and metric, timed from the base
 * time. Values are microseconds; the max column is in milliseconds. Latency lines carry no tag (every
 * interval has one, empty when nothing completed); the other metrics' lines are tagged with their key
 * ({@code first_byte}, {@code connect}, ...) and written for intervals that recorded any.
 */
public final class IntervalLog {

    /** The max column in milliseconds: values are microseconds. */
    private static final double MAX_VALUE_UNIT_RATIO = 1000.0;

    private IntervalLog() {
    }

    /** Writes the log of {@code r} to {@code out} (left open). */
    public static void write(RunResult r, OutputStream out) {
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
        HistogramLogWriter log = new HistogramLogWriter(print);
        long baseMillis = r.window().startMicros() / 1000;
        log.outputComment("quiver " + r.protocol().displayName() + " " + r.target() + ", engine " + r.engine()
                + ", model " + r.model().key() + "; values in microseconds");
        log.outputLogFormatVersion();
        log.outputStartTime(baseMillis);
        log.setBaseTime(baseMillis);
        log.outputBaseTime(baseMillis);
        log.outputLegend();
        for (Interval i : r.intervals()) {
            double start = (i.startMicros() / 1000 - baseMillis) / 1000.0;
            double end = start + i.lengthMicros() / 1e6;
            for (Metric m : Metric.values()) {
                CompressedHistogram c = i.histograms().get(m);
                if (c == null && m != Metric.LATENCY) {
                    continue;
                }
                Histogram h = c == null ? LatencyRecorders.newHistogram() : c.decode();
                h.setTag(m == Metric.LATENCY ? null : m.key());
                log.outputIntervalHistogram(start, end, h, MAX_VALUE_UNIT_RATIO);
            }
        }
        print.flush();
    }
}
