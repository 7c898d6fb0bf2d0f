package dev.quiver.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.core.report.Interval;
import dev.quiver.core.report.Metric;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Long runs keep their intervals in bounded memory by joining neighbours, and lose no sample doing it. */
class IntervalSeriesTest {

    private static final long SECOND = 1_000_000;

    @Test
    void joinsNeighboursPairwiseWhenFullAndKeepsEverySample() {
        IntervalSeries series = new IntervalSeries(4);
        Histogram all = LatencyRecorders.newHistogram();
        for (int s = 0; s < 9; s++) {
            Histogram h = LatencyRecorders.newHistogram();
            for (int i = 0; i <= s; i++) {
                h.recordValue(1000L * (s + 1) + i);
            }
            all.add(h);
            series.add(Interval.of(s * SECOND, SECOND, 1, s, Map.of(Metric.LATENCY, h)));
            if (s == 3) {
                assertEquals(4, series.list().size(), "full, not yet joined");
            }
        }
        // 9 intervals in at most 4: [0-3] [4-7] [8]
        List<Interval> kept = series.list();
        assertEquals(3, kept.size());
        assertEquals(4, series.span());
        assertEquals(List.of(0L, 4 * SECOND, 8 * SECOND), kept.stream().map(Interval::startMicros).toList());
        assertEquals(List.of(4 * SECOND, 4 * SECOND, SECOND), kept.stream().map(Interval::lengthMicros).toList());
        assertEquals(List.of(4L, 4L, 1L), kept.stream().map(Interval::failed).toList());
        assertEquals(List.of(3L, 7L, 8L), kept.stream().map(Interval::live).toList(), "live streams at each end");
        assertEquals(List.of(1L + 2 + 3 + 4, 5L + 6 + 7 + 8, 9L), kept.stream().map(Interval::completed).toList());
        Histogram back = LatencyRecorders.newHistogram();
        kept.forEach(i -> back.add(i.histograms().get(Metric.LATENCY).decode()));
        assertEquals(all, back);
    }

    @Test
    void keepsAnHourAtFullResolution() {
        IntervalSeries series = new IntervalSeries();
        for (int s = 0; s < IntervalSeries.MAX_KEPT; s++) {
            series.add(Interval.of(s * SECOND, SECOND, 0, 0, Map.of()));
        }
        assertEquals(IntervalSeries.MAX_KEPT, series.list().size());
        assertEquals(1, series.span());
        series.add(Interval.of(IntervalSeries.MAX_KEPT * SECOND, SECOND, 0, 0, Map.of()));
        assertEquals(IntervalSeries.MAX_KEPT / 2 + 1, series.list().size());
    }
}
