package dev.quiver.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.Interval;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.stats.LatencyRecorders;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a run's result carries besides its counts: its wall-clock window and intervals that add up to its totals. */
@Timeout(30)
class RunResultAssemblerTest {

    @Test
    void intervalsAreOnTheWallClockAndAddUpToTheTotals() throws Exception {
        SimulatedClock clock = new SimulatedClock();
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(2));
        Workload w = new Workload(2, 4, 0, Duration.ofMillis(1_200), 0, Duration.ofSeconds(30));
        RunSpec spec = new RunSpec(Target.parse("http://fake.test/"), Protocol.HTTP_2, false, RequestTemplate.get(), w,
                Duration.ofSeconds(2), 0, Duration.ofMillis(250));
        Instant before = Instant.now();
        RunResult r = new Scheduler(spec, server, null, clock).run();
        Instant after = Instant.now();

        long from = before.getEpochSecond() * 1_000_000 + before.getNano() / 1000;
        long to = after.getEpochSecond() * 1_000_000 + after.getNano() / 1000;
        assertTrue(r.window().startMicros() >= from && r.window().startMicros() <= to, "load started during the call");
        assertEquals(250_000, r.window().intervalMicros());
        List<Interval> intervals = r.intervals();
        assertEquals(5, intervals.size(), "a 1.2 s run sampled every 250 ms, and once at its end");
        assertEquals(r.window().startMicros(), intervals.get(0).startMicros());
        long completed = 0;
        long failed = 0;
        Histogram latency = LatencyRecorders.newHistogram();
        Histogram firstByte = LatencyRecorders.newHistogram();
        for (int i = 0; i < intervals.size(); i++) {
            Interval iv = intervals.get(i);
            if (i > 0) {
                assertEquals(intervals.get(i - 1).endMicros(), iv.startMicros(), "intervals follow each other without a gap");
            }
            assertEquals(i < 4 ? 250_000 : 200_000, iv.lengthMicros(), "interval " + i);
            completed += iv.completed();
            failed += iv.failed();
            if (iv.histograms().containsKey(Metric.LATENCY)) {
                latency.add(iv.histograms().get(Metric.LATENCY).decode());
            }
            if (iv.histograms().containsKey(Metric.FIRST_BYTE)) {
                firstByte.add(iv.histograms().get(Metric.FIRST_BYTE).decode());
            }
        }
        assertEquals(r.requests().ok(), completed);
        assertEquals(r.requests().failed(), failed);
        assertEquals(r.histograms().latency(), latency, "the intervals' histograms, added, are the run's");
        assertEquals(r.histograms().firstByte(), firstByte);
        assertEquals(r.connections().opened(), r.histograms().connect().getTotalCount(), "a connect time per connection");
    }
}
