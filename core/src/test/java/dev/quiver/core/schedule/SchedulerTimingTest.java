package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.assertBooks;
import static dev.quiver.core.schedule.SchedulerRuns.closed;
import static dev.quiver.core.schedule.SchedulerRuns.open;
import static dev.quiver.core.schedule.SchedulerRuns.run;
import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.FakeServer.After;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.schedule.SchedulerRuns.Timed;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler's timing, on a {@link SimulatedClock}: deadlines, latency from the intended start,
 * the open model's schedule, stops and slow reconnects. Nothing sleeps, so the figures are exact
 * and the same on a busy machine; a run of 60 s takes milliseconds.
 */
@Timeout(30)
class SchedulerTimingTest {

    private final SimulatedClock clock = new SimulatedClock();

    private Scheduler scheduler(Workload w, FakeServer server, List<IntervalSample> progress) {
        return new Scheduler(spec(w), server, progress == null ? null : progress::add, clock);
    }

    @Test
    void closedModelLatencyIsTheServerTimeFromTheActualStart() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        Timed t = run(scheduler(closed(1, 1, 40, null), server, null), clock);
        RunResult r = t.result();

        assertEquals(40, r.requests().ok());
        long min = r.histograms().latency().getMinValue();
        long max = r.histograms().latency().getMaxValue();
        assertTrue(min >= 10_000 && max <= 10_010, "latency " + min + ".." + max + " µs for a 10 ms server");
        assertEquals(400, t.millis(), "40 requests of 10 ms, one after another");
        assertBooks(server, r);
    }

    @Test
    void durationStopEndsOnTimeAndCountsInFlightRequestsAsAborted() throws Exception {
        // 130 ms per request: the 1 s deadline falls in the middle of the eighth round of 32
        // requests (910 ms to 1040 ms).
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(130));
        List<IntervalSample> progress = new CopyOnWriteArrayList<>();
        Timed t = run(scheduler(closed(4, 8, 0, Duration.ofSeconds(1)), server, progress), clock);
        RunResult r = t.result();

        assertEquals(1_000, t.millis(), "a 1 s run took " + t.millis() + " ms");
        assertEquals(7 * 32, r.requests().ok(), "seven full rounds");
        assertEquals(32, r.requests().aborted(), "the round in flight at the deadline");
        assertEquals(0, r.requests().failed(), "requests cut off by the deadline are not failures: " + r.errors());
        assertEquals(r.requests().aborted(), r.streams().terminal(StreamState.CANCELLED));
        assertEquals(StopReason.DURATION, r.stopReason());
        assertEquals(1.0, r.durationSeconds(), 1e-6);
        assertEquals(4, progress.size(), "a progress sample every 250 ms: " + progress);
        assertBooks(server, r);
    }

    @Test
    void openModelKeepsTheRequestedRate() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(2));
        RunResult r = run(scheduler(open(2, 16, 500, Duration.ofSeconds(2)), server, null), clock).result();

        assertEquals(LoadModel.OPEN, r.model());
        assertEquals(1_000, r.requests().total(), "-q 500 for 2 s");
        assertEquals(1_000, r.requests().ok());
        assertEquals(0, r.requests().failed());
        assertEquals(500, r.rps(), 0.5);
        assertEquals(StopReason.DURATION, r.stopReason());
        long max = r.histograms().latency().getMaxValue();
        assertTrue(max <= 2_002, "max latency " + max + " µs: every request started on time");
        assertBooks(server, r);
    }

    @Test
    void openModelMeasuresFromTheIntendedStartSoAStallIsNotHidden() throws Exception {
        // One connection, one stream: the 20th request stalls for 500 ms. Every request meant to start
        // during the stall waits, and its latency counts from when it should have started.
        FakeServer server = new FakeServer(clock).behaviour(s -> s.ordinal() == 20 ? Reply.okMillis(500) : Reply.okMillis(1));
        RunResult r = run(scheduler(open(1, 1, 200, Duration.ofSeconds(2)), server, null), clock).result();

        assertEquals(400, r.requests().total(), "the stall must not lower the request count");
        assertEquals(0, r.requests().failed());
        long max = r.histograms().latency().getMaxValue();
        long p99 = r.histograms().latency().getValueAtPercentile(99);
        long p90 = r.histograms().latency().getValueAtPercentile(90);
        assertTrue(max >= 500_000, "max latency " + max + " µs, the stall was 500 ms");
        assertTrue(p99 >= 400_000, "p99 " + p99 + " µs: the requests queued behind the stall are missing");
        assertTrue(p90 >= 100_000, "p90 " + p90 + " µs: coordinated omission");
        assertBooks(server, r);
    }

    @Test
    void stopEndsALongRunWhereItIs() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(5));
        Scheduler s = scheduler(closed(2, 4, 0, Duration.ofSeconds(60)), server, null);
        clock.newTimer("ctrl-c").schedule(s::stop, TimeUnit.MILLISECONDS.toNanos(500));
        Timed t = run(s, clock);
        RunResult r = t.result();

        assertEquals(500, t.millis(), "stop() at 500 ms of a 60 s run");
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertEquals(100 * 8, r.requests().ok() + r.requests().aborted(), "8 streams, 5 ms each, for 500 ms");
        assertTrue(r.requests().aborted() <= 8, "aborted " + r.requests().aborted());
        assertEquals(0, r.requests().failed(), "errors " + r.errors());
        assertEquals(0.5, r.durationSeconds(), 1e-6);
        assertBooks(server, r);
    }

    @Test
    void stopAlsoEndsAnOpenModelRun() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(5));
        Scheduler s = scheduler(open(2, 4, 200, Duration.ofSeconds(60)), server, null);
        clock.newTimer("ctrl-c").schedule(s::stop, TimeUnit.MILLISECONDS.toNanos(500));
        Timed t = run(s, clock);

        assertEquals(500, t.millis(), "stop() at 500 ms of a 60 s run");
        assertEquals(StopReason.INTERRUPTED, t.result().stopReason());
        assertEquals(100, t.result().requests().total(), "-q 200 for 500 ms");
        assertTrue(t.result().requests().ok() >= 99, "ok " + t.result().requests().ok());
        assertBooks(server, t.result());
    }

    /**
     * A connection being re-established when the run ends (the server closes connections often,
     * reconnecting is slow) must not hold the end of the run.
     */
    @Test
    void aReconnectInFlightAtTheEndDoesNotDelayTheResult() throws Exception {
        FakeServer server = new FakeServer(clock)
                .behaviour(s -> s.ordinalOnConnection() == 5 ? Reply.okMillis(5).then(After.LOSE_CONNECTION) : Reply.okMillis(5))
                .connectDelayMillis(i -> i <= 2 ? 0 : 1_500);
        Timed t = run(scheduler(closed(2, 2, 0, Duration.ofSeconds(1)), server, null), clock);
        RunResult r = t.result();

        assertEquals(StopReason.DURATION, r.stopReason());
        assertTrue(r.connections().lost() > 0);
        assertEquals(1_000, t.millis(), "the end waited for a connect in flight");
        assertBooks(server, r);
    }

    @Test
    void unreachableTargetThrowsAtOnce() {
        FakeServer server = new FakeServer(clock).refuseConnections();
        Scheduler s = scheduler(closed(4, 8, 100, null), server, null);
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class, s::run);

        assertEquals(Duration.ZERO, clock.elapsed(), "no wait for a connect that was refused");
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("connect: connection refused"), e.getMessage());
        assertTrue(e.getCause() instanceof java.net.ConnectException, String.valueOf(e.getCause()));
        assertEquals(1, server.enginesClosed.get(), "the engine is closed after a failed preflight");
        assertEquals(0, server.streamsStarted.get());
    }

    @Test
    void aTargetThatNeverAnswersFailsAfterTheConnectTimeoutAndItsGrace() {
        FakeServer server = new FakeServer(clock).connectDelayMillis(i -> 60_000);
        Scheduler s = scheduler(closed(1, 1, 10, null), server, null);
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class, s::run);

        assertEquals("connect: timed out after 2000 ms", e.getMessage());
        assertEquals(Duration.ofSeconds(4), clock.elapsed(), "--connect-timeout 2 s, then 2 s of grace for the engine");
        assertEquals(1, server.enginesClosed.get());
    }
}
