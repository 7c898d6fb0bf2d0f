package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.assertBooks;
import static dev.quiver.core.schedule.SchedulerRuns.closed;
import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.stats.LiveSample;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Scheduler#onInterval}: what follows a run live (a metrics page, thresholds) sees every
 * interval the report has, once, on the reporter thread, and may end the run with stop reason threshold.
 */
@Timeout(30)
class SchedulerLiveSampleTest {

    /** The counts of one sample, kept: its histograms are lent for the call only. */
    private record Seen(long ok, long elapsedNanos, long latencyCount, boolean last, boolean onReporterThread) {
    }

    @Test
    void everyIntervalPassesThroughOnceAndAListenerCanEndTheRun() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(2));
        Scheduler s = new Scheduler(spec(closed(2, 4, 0, Duration.ofSeconds(60))), server, null);
        List<Seen> seen = new CopyOnWriteArrayList<>();
        AtomicLong stops = new AtomicLong();
        Thread runner = Thread.currentThread();
        s.onInterval(sample -> {
            var h = sample.interval().get(Metric.LATENCY);
            seen.add(new Seen(sample.ok(), sample.elapsedNanos(), h == null ? 0 : h.getTotalCount(), sample.last(),
                    Thread.currentThread() != runner));
            if (!sample.last() && sample.ok() >= 200 && stops.getAndIncrement() == 0) {
                s.stop(StopReason.THRESHOLD);
            }
        });
        RunResult r = s.run();

        assertEquals(StopReason.THRESHOLD, r.stopReason());
        assertTrue(r.durationSeconds() < 20, "ended early: " + r.durationSeconds() + " s");
        assertTrue(seen.size() >= 2, "samples " + seen);
        assertTrue(seen.get(seen.size() - 1).last(), "the last sample says so");
        assertEquals(1, seen.stream().filter(Seen::last).count(), "one last sample");
        for (int i = 0; i < seen.size() - 1; i++) {
            assertFalse(seen.get(i).last());
            assertTrue(seen.get(i).onReporterThread(), "interval samples come from the reporter thread");
            assertTrue(seen.get(i + 1).ok() >= seen.get(i).ok(), "counts only grow");
            assertTrue(seen.get(i + 1).elapsedNanos() >= seen.get(i).elapsedNanos());
        }
        assertEquals(r.requests().ok(), seen.get(seen.size() - 1).ok(), "the last sample has the result's count");
        assertEquals(r.histograms().latency().getTotalCount(), seen.stream().mapToLong(Seen::latencyCount).sum(),
                "every interval's latencies passed through exactly once");
        assertBooks(server, r);
    }

    @Test
    void aSampleCountsInFlightRequestsOfTheMeasuredPart() throws Exception {
        FakeServer server = new FakeServer().behaviour(x -> Reply.okMillis(50));
        Scheduler s = new Scheduler(spec(closed(2, 4, 400, null)), server, null);
        List<LiveSample> inFlight = new CopyOnWriteArrayList<>();
        s.onInterval(sample -> {
            if (!sample.last()) {
                inFlight.add(sample);
            }
        });
        RunResult r = s.run();
        assertEquals(400, r.requests().ok());
        assertFalse(inFlight.isEmpty(), "a run of about 2.5 s has intervals of 250 ms");
        for (LiveSample x : inFlight) {
            assertTrue(x.inFlight() >= 0 && x.inFlight() <= 8, "at most -c x -p in flight: " + x.inFlight());
            assertTrue(x.streams().live() <= 8);
        }
    }

    @Test
    void aListenerThatFailsCostsTheReportNoInterval() throws Exception {
        FakeServer server = new FakeServer().behaviour(x -> Reply.okMillis(2));
        Scheduler s = new Scheduler(spec(closed(2, 4, 0, Duration.ofMillis(1500))), server, null);
        AtomicLong calls = new AtomicLong();
        s.onInterval(sample -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a broken follower");
        });
        RunResult r = s.run();
        assertEquals(1, calls.get(), "dropped after its failure");
        assertTrue(r.intervals().size() >= 3, "intervals of 250 ms over 1.5 s: " + r.intervals().size());
        assertEquals(StopReason.DURATION, r.stopReason());
        assertBooks(server, r);
    }
}
