package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.report.Warmup;
import dev.quiver.core.schedule.FakeServer.After;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.schedule.SchedulerRuns.Timed;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The warm-up ({@code --warmup}) on a {@link SimulatedClock}: it runs first at the same settings,
 * nothing of it counts in the measured figures, {@code -n} and {@code -z} are of the measured part,
 * the open model's schedule runs through the boundary, and the tracker's books balance over the
 * whole run, streams that straddle the boundary included (they are the warm-up's).
 */
@Timeout(30)
class SchedulerWarmupTest {

    private final SimulatedClock clock = new SimulatedClock();

    private Scheduler scheduler(Workload w, FakeServer server, List<IntervalSample> progress) {
        return new Scheduler(spec(w), server, progress == null ? null : progress::add, clock);
    }

    private static Workload closed(int c, int p, long n, Duration z, Duration warmup) {
        return SchedulerRuns.closed(c, p, n, z).withWarmup(warmup);
    }

    @Test
    void durationIsOfTheMeasuredPartAndNothingOfTheWarmupCounts() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        List<IntervalSample> progress = new CopyOnWriteArrayList<>();
        Timed t = SchedulerRuns.run(scheduler(closed(1, 1, 0, Duration.ofSeconds(1), Duration.ofMillis(500)), server, progress), clock);
        RunResult r = t.result();

        assertEquals(1_500, t.millis(), "500 ms of warm-up, then -z 1s");
        assertEquals(100, r.requests().ok(), "1 s of 10 ms requests, one at a time");
        assertEquals(100, r.histograms().latency().getTotalCount(), "no warm-up latency in the histogram");
        assertEquals(Map.of("200", 100L), r.status());
        assertEquals(1.0, r.durationSeconds(), 1e-6);
        assertEquals(100, r.rps(), 1e-6);
        assertEquals(StopReason.DURATION, r.stopReason());
        assertEquals(new Warmup(0.5, 50, 50, 0, 0, 0, Map.of(), 0), r.warmup());
        assertEquals(4, progress.size(), "a sample every 250 ms of the measured part only: " + progress);
        assertEquals(r.window().startMicros(), r.intervals().get(0).startMicros(), "intervals start at the boundary");
        assertEquals(0.25, progress.get(0).elapsedSeconds(), 1e-6, "elapsed time counts from the boundary");
        assertWholeRunBooks(server, r);
    }

    @Test
    void requestCountIsOfTheMeasuredPart() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        Timed t = SchedulerRuns.run(scheduler(closed(2, 2, 40, null, Duration.ofMillis(200)), server, null), clock);
        RunResult r = t.result();

        assertEquals(40, r.requests().ok(), "-n 40 counts measured requests only");
        assertEquals(40, r.requests().total());
        assertEquals(80, r.warmup().requests(), "200 ms of 4 streams of 10 ms");
        assertEquals(StopReason.COUNT, r.stopReason());
        assertEquals(300, t.millis(), "200 ms warm-up, then 10 rounds of 4");
        assertEquals(0.1, r.durationSeconds(), 1e-6);
        assertWholeRunBooks(server, r);
    }

    @Test
    void openModelWarmsUpAtTheSameRateAndItsScheduleRunsThroughTheBoundary() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(2));
        Workload w = SchedulerRuns.open(2, 16, 500, Duration.ofSeconds(1)).withWarmup(Duration.ofSeconds(1));
        Timed t = SchedulerRuns.run(scheduler(w, server, null), clock);
        RunResult r = t.result();

        assertEquals(2_000, t.millis());
        assertEquals(500, r.warmup().requests(), "-q 500 during 1 s of warm-up");
        assertEquals(500, r.requests().total(), "-q 500 during the measured 1 s");
        assertEquals(500, r.rps(), 0.5);
        assertTrue(r.histograms().latency().getMaxValue() <= 2_002, "every request on schedule, from its intended start");
        assertWholeRunBooks(server, r);
    }

    @Test
    void anOpenModelWarmupThatFellBehindDropsItsBacklogAndTheMeasuredPartStillRuns() throws Exception {
        // -q 500 against one stream of 10 ms requests: the warm-up starts about 100 of its 500. Its
        // other 400 must not become the measured part's first second (they would all count as the
        // warm-up's, by their intended start, and the measured part would show no request at all).
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        Workload w = SchedulerRuns.open(1, 1, 500, Duration.ofSeconds(1)).withWarmup(Duration.ofSeconds(1));
        RunResult r = SchedulerRuns.run(scheduler(w, server, null), clock).result();

        assertEquals(500, r.warmup().requests() + r.warmup().notStarted(), "every warm-up ticket started or dropped: " + r.warmup());
        assertTrue(r.warmup().notStarted() >= 390, "dropped: " + r.warmup());
        assertTrue(r.requests().total() >= 90, "the measured part runs at what one stream can do: " + r.requests());
        assertWholeRunBooks(server, r);
    }

    @Test
    void streamsThatStraddleTheBoundaryAreTheWarmupsAndTheBooksBalance() throws Exception {
        // 130 ms per request, 4 streams: the boundary at 200 ms falls in the second round (130..260 ms),
        // which is the warm-up's although it ends in the measured part. The measured rounds start at
        // 260, 390, ... 1170 ms; the one started at 1170 ms is in flight at the deadline (1200 ms).
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(130));
        Timed t = SchedulerRuns.run(scheduler(closed(1, 4, 0, Duration.ofSeconds(1), Duration.ofMillis(200)), server, null), clock);
        RunResult r = t.result();

        assertEquals(1_200, t.millis());
        assertEquals(new Warmup(0.2, 8, 8, 0, 0, 0, Map.of(), 0), r.warmup(), "two rounds, the second straddling the boundary");
        assertEquals(28, r.requests().ok(), "seven measured rounds");
        assertEquals(4, r.requests().aborted(), "the round in flight at the deadline");
        assertEquals(r.warmup().requests() + r.requests().total(), r.streams().opened());
        assertWholeRunBooks(server, r);
    }

    @Test
    void warmupErrorsAreListedApartFromTheMeasuredOnes() throws Exception {
        // Every tenth stream is reset: in the warm-up (first 100 ms) and after it alike.
        FakeServer server = new FakeServer(clock).behaviour(s -> s.ordinal() % 10 == 0
                ? new Reply(10_000, StreamState.RESET_BY_PEER, "reset: INTERNAL_ERROR", 0, After.NOTHING)
                : Reply.okMillis(10));
        RunResult r = SchedulerRuns.run(scheduler(closed(1, 1, 0, Duration.ofMillis(500), Duration.ofMillis(100)), server, null),
                clock).result();

        assertEquals(Map.of("reset: INTERNAL_ERROR", 1L), r.warmup().errors(), "stream 10 of the first 10");
        assertEquals(1, r.warmup().failed());
        assertEquals(9, r.warmup().ok());
        assertEquals(Map.of("reset: INTERNAL_ERROR", 5L), r.errors(), "streams 20, 30 .. 60");
        assertEquals(5, r.requests().failed());
        assertEquals(45, r.requests().ok());
        assertWholeRunBooks(server, r);
    }

    @Test
    void theMeasuredPartStartsWhenTheWarmupEnds() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        Scheduler s = scheduler(closed(1, 1, 0, Duration.ofSeconds(1), Duration.ofMillis(700)), server, null);
        AtomicLong startedAtMillis = new AtomicLong(-1);
        s.onMeasuredStart(() -> startedAtMillis.set(clock.elapsed().toMillis()));
        SchedulerRuns.run(s, clock);

        assertEquals(700, startedAtMillis.get(), "the leak check's load phase begins at the end of the warm-up");
    }

    @Test
    void aStopDuringTheWarmupLeavesAnEmptyMeasuredPart() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        Scheduler s = scheduler(closed(1, 2, 0, Duration.ofSeconds(10), Duration.ofSeconds(5)), server, null);
        AtomicLong measuredStarts = new AtomicLong();
        s.onMeasuredStart(measuredStarts::incrementAndGet);
        clock.newTimer("ctrl-c").schedule(s::stop, TimeUnit.MILLISECONDS.toNanos(300));
        Timed t = SchedulerRuns.run(s, clock);
        RunResult r = t.result();

        assertEquals(300, t.millis());
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertEquals(0, r.requests().total(), "nothing measured");
        assertEquals(0, r.durationSeconds(), 1e-9);
        assertEquals(0.3, r.warmup().durationSeconds(), 1e-9, "the warm-up as long as it ran");
        assertEquals(60, r.warmup().ok() + r.warmup().aborted(), "2 streams of 10 ms for 300 ms");
        assertEquals(1, measuredStarts.get());
        assertWholeRunBooks(server, r);
    }

    @Test
    void noWarmupMeansNoneInTheResult() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        RunResult r = SchedulerRuns.run(scheduler(SchedulerRuns.closed(1, 1, 20, null), server, null), clock).result();

        assertEquals(Warmup.NONE, r.warmup());
        assertFalse(r.warmup().ran());
        assertEquals(20, r.requests().ok());
        SchedulerRuns.assertBooks(server, r);
    }

    /** The books over the whole run: every stream opened is one request of either part, or one retried attempt. */
    private static void assertWholeRunBooks(FakeServer server, RunResult r) {
        TrackerCounts s = r.streams();
        assertTrue(s.balanced(), "live == 0 and opened == sum(terminal): " + s);
        assertEquals(0, s.forcedByWatchdog());
        Warmup w = r.warmup();
        assertEquals(w.ok() + w.failed() + w.aborted(), w.requests());
        assertEquals(r.requests().total() + r.requests().retried() + w.requests() + w.retried(), s.opened(),
                "every stream is a measured or a warm-up request, or a retried attempt: " + s);
        assertEquals(r.requests().ok() + w.ok(), s.terminal(StreamState.COMPLETED));
        assertEquals(r.requests().ok(), r.histograms().latency().getTotalCount());
        assertEquals(r.requests().failed(), r.errors().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(w.failed(), w.errors().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(1, server.enginesClosed.get());
        assertTrue(server.violations.isEmpty(), "engine contract broken: " + List.copyOf(server.violations));
    }
}
