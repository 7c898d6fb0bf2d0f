package dev.quiver.core.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.Metric;
import dev.quiver.core.schedule.Workload;
import dev.quiver.core.stats.LatencyRecorders;
import dev.quiver.core.stats.LiveSample;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link ThresholdWatch}: a run ends early only when a threshold is certain to fail. */
class ThresholdWatchTest {

    private static final TrackerCounts BOOKS = new TrackerCounts(0, new EnumMap<>(StreamState.class), 0, 0, 0, 0, 0);

    private static LiveSample sample(long ok, long failed, Map<String, Long> errors, Histogram latency) {
        Map<Metric, Histogram> interval = new EnumMap<>(Metric.class);
        if (latency != null) {
            interval.put(Metric.LATENCY, latency);
        }
        return new LiveSample(1_000_000_000L, ok, failed, 0, 0, 0, errors, BOOKS, 1, 0, 0, 0, 0, interval, false);
    }

    private static ThresholdWatch watch(String threshold, RequestBound bound) {
        return new ThresholdWatch(List.of(Threshold.parse(threshold)), bound);
    }

    private static Histogram latencies(long micros, long count) {
        Histogram h = LatencyRecorders.newHistogram();
        h.recordValueWithCount(micros, count);
        return h;
    }

    @Test
    void aCountAbortsAsSoonAsItIsOverWhateverTheBound() {
        ThresholdWatch w = watch("errors{timed_out}<3", RequestBound.UNKNOWN);
        assertNull(w.check(sample(10, 2, Map.of("timed_out", 2L), null)));
        ThresholdResults.Abort a = w.check(sample(10, 3, Map.of("timed_out", 3L), null));
        assertNotNull(a);
        assertEquals("errors{timed_out}<3", a.threshold().text());
        assertTrue(a.reason().contains("3 failed (timed_out) already"), a.reason());
        assertNull(watch("errors>3", RequestBound.UNKNOWN).check(sample(10, 0, Map.of(), null)), "a lower bound can still be met");
    }

    @Test
    void aRateAbortsOnlyWhenEvenTheMostRequestsCannotBringItBack() {
        RequestBound n1000 = RequestBound.of(new Workload(1, 1, 1000, null, 0, Duration.ofSeconds(30)));
        ThresholdWatch w = watch("error_rate<1%", n1000);
        assertNull(w.check(sample(20, 9, Map.of(), null)), "9 of at most 1000 is below 1%");
        assertNotNull(w.check(sample(20, 10, Map.of(), null)), "10 of at most 1000 is 1% whatever follows");
        assertNull(watch("error_rate<1%", RequestBound.UNKNOWN).check(sample(20, 100, Map.of(), null)),
                "no bound on the requests: never certain");
        assertNotNull(watch("success_rate>=99.5%", n1000).check(sample(20, 6, Map.of(), null)));
    }

    @Test
    void aPercentileAbortsWhenTooManyRequestsAreAlreadySlow() {
        RequestBound n1000 = RequestBound.of(new Workload(1, 1, 1000, null, 0, Duration.ofSeconds(30)));
        ThresholdWatch w = watch("p99<50ms", n1000);
        assertNull(w.check(sample(10, 0, Map.of(), latencies(60_000, 10))), "10 slow of 1000 may still be the 1%");
        assertNull(w.check(sample(10, 0, Map.of(), latencies(40_000, 500))), "fast ones do not count");
        ThresholdResults.Abort a = w.check(sample(11, 0, Map.of(), latencies(60_000, 1)));
        assertNotNull(a, "11 slow of at most 1000 is more than 1%: p99 will be above 50 ms");
        assertTrue(a.reason().startsWith("11 requests took longer than 50 ms"), a.reason());
        ThresholdWatch max = watch("max<50ms", n1000);
        assertNotNull(max.check(sample(1, 0, Map.of(), latencies(50_100, 1))));
        assertNull(watch("mean<1ms", n1000).check(sample(1, 0, Map.of(), latencies(500_000, 100))), "the mean is judged at the end");
    }

    @Test
    void rpsAbortsInTheOpenModelWhenTheScheduleCannotReachIt() {
        // -q 100 -z 10s: at most 1001 requests over 10 s
        RequestBound open = RequestBound.of(new Workload(1, 1, 0, Duration.ofSeconds(10), 100, Duration.ofSeconds(30)));
        assertEquals(1001, open.maxRequests());
        ThresholdWatch w = watch("rps>90", open);
        assertNull(w.check(sample(100, 100, Map.of(), null)), "801 more completions would make 90.1 req/s");
        assertNotNull(w.check(sample(100, 102, Map.of(), null)), "at most 89.9 req/s");
        RequestBound closed = RequestBound.of(new Workload(1, 1, 0, Duration.ofSeconds(10), 0, Duration.ofSeconds(30)));
        assertEquals(RequestBound.UNKNOWN, closed);
        assertNull(watch("rps>90", closed).check(sample(0, 1000, Map.of(), null)), "the closed model has no bound");
    }

    @Test
    void theBoundIsTheSmallerOfCountAndSchedule() {
        assertEquals(50, RequestBound.of(new Workload(1, 1, 50, Duration.ofSeconds(10), 100, Duration.ZERO)).maxRequests());
        assertEquals(1001, RequestBound.of(new Workload(1, 1, 5000, Duration.ofSeconds(10), 100, Duration.ZERO)).maxRequests());
        assertTrue(Double.isNaN(RequestBound.of(new Workload(1, 1, 5000, Duration.ofSeconds(10), 100, Duration.ZERO)).fixedSeconds()),
                "with -n the run may end before its duration");
    }
}
