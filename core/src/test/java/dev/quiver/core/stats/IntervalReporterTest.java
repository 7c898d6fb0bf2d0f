package dev.quiver.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.Interval;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.Metric;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The reader side: each interval keeps the histograms it took, on the wall clock; together they are the totals. */
class IntervalReporterTest {

    @Test
    void intervalsHoldWhatWasRecordedInThemAndAddUpToTheTotals() throws Exception {
        RunStatistics stats = new RunStatistics();
        StreamTracker tracker = new StreamTracker(Duration.ZERO, (r, s, c, e) -> { });
        List<IntervalSample> progress = new ArrayList<>();
        SimulatedClock clock = new SimulatedClock();
        IntervalReporter reporter = new IntervalReporter(stats, tracker, Duration.ofSeconds(1), progress::add, clock);
        Instant before = Instant.now();
        reporter.start(clock.nanoTime());
        long[] perInterval = {300, 0, 1200};
        for (long n : perInterval) {
            for (int i = 0; i < n; i++) {
                stats.latency.recordNanos(1_000_000 + i * 1_000L);
                stats.firstByte.recordNanos(500_000);
            }
            stats.failed.add(2);
            stats.connect.recordNanos(200_000);
            clock.advance(Duration.ofMillis(5));
            reporter.sample(true);
        }
        tracker.close();
        List<Interval> intervals = reporter.intervals();
        assertEquals(3, intervals.size());
        long startMicros = before.getEpochSecond() * 1_000_000 + before.getNano() / 1000;
        assertTrue(Math.abs(reporter.startMicros() - startMicros) < 1_000_000, "wall-clock start");
        assertEquals(reporter.startMicros(), intervals.get(0).startMicros());
        for (int i = 0; i < intervals.size(); i++) {
            Interval iv = intervals.get(i);
            assertEquals(perInterval[i], iv.completed());
            assertEquals(2, iv.failed());
            assertEquals(5_000, iv.lengthMicros(), "interval length");
            if (i > 0) {
                assertEquals(intervals.get(i - 1).endMicros(), iv.startMicros(), "one interval ends where the next starts");
            }
            assertEquals(1, iv.histograms().get(Metric.CONNECT).count(), "phases per interval too");
        }
        assertEquals(false, intervals.get(1).histograms().containsKey(Metric.LATENCY), "an empty histogram is not kept");
        Histogram sum = LatencyRecorders.newHistogram();
        intervals.forEach(iv -> {
            if (iv.histograms().containsKey(Metric.LATENCY)) {
                sum.add(iv.histograms().get(Metric.LATENCY).decode());
            }
        });
        assertEquals(stats.latency.total(), sum);
        assertEquals(3, progress.size());
        assertEquals(1200, progress.get(2).completed());
        assertEquals(intervals.get(2).p99Millis(), progress.get(2).p99Millis());
        assertEquals((intervals.get(2).endMicros() - reporter.startMicros()) / 1e6, progress.get(2).elapsedSeconds(), 1e-9);
    }
}
