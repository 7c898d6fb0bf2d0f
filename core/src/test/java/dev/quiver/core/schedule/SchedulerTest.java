package dev.quiver.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.FakeServer.After;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler against {@link FakeServer}: what a user of {@code quiver run} would see in the report. */
@Timeout(30)
class SchedulerTest {

    private static RunSpec spec(Workload w) {
        return new RunSpec(Target.parse("http://fake.test/hello"), Protocol.HTTP_2, false, RequestTemplate.get(), w,
                Duration.ofSeconds(2), 0, Duration.ofMillis(250));
    }

    /** Closed model: -c, -p, -n, -z. */
    private static Workload closed(int c, int p, long n, Duration z) {
        return new Workload(c, p, n, z, 0, Duration.ofSeconds(30));
    }

    /** Open model: -c, -p, -q, -z. */
    private static Workload open(int c, int p, double rate, Duration z) {
        return new Workload(c, p, 0, z, rate, Duration.ofSeconds(30));
    }

    private record Timed(RunResult result, long millis) {
    }

    private static Timed run(Scheduler s) throws TargetUnreachableException {
        long t0 = System.nanoTime();
        RunResult r = s.run();
        return new Timed(r, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** What must hold after every run: the tracker's books, the report's sums, the engine contract. */
    private static void assertBooks(FakeServer server, RunResult r) {
        TrackerCounts s = r.streams();
        assertEquals(0, s.live(), "live streams at the end: " + s);
        assertEquals(0, s.doubleTerminal(), "double terminal events: " + s);
        assertEquals(0, s.forcedByWatchdog(), "streams forced by the watchdog: " + s);
        assertEquals(s.opened(), s.terminalSum(), "opened != sum of terminal counts: " + s);
        assertTrue(s.balanced(), s.toString());
        assertEquals(0, r.leakedStreams());
        assertEquals(r.requests().ok() + r.requests().failed() + r.requests().aborted(), r.requests().total());
        assertEquals(r.requests().total() + r.requests().retried(), s.opened(), "every stream is one request or one retried attempt: " + s);
        assertEquals(r.requests().ok(), s.terminal(StreamState.COMPLETED));
        assertEquals(r.requests().ok(), r.histograms().latency().getTotalCount(), "one latency value per completed request");
        assertEquals(r.requests().failed(), r.errors().values().stream().mapToLong(Long::longValue).sum(), "errors " + r.errors());
        assertEquals(1, server.enginesClosed.get(), "the engine was closed");
        assertTrue(server.violations.isEmpty(), "engine contract broken: " + List.copyOf(server.violations));
        assertEquals("fake", r.engine());
        assertEquals(Protocol.HTTP_2, r.protocol());
    }

    @Test
    void closedModelWithCountRunsExactlyNRequests() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.ok(200));
        Timed t = run(new Scheduler(spec(closed(4, 8, 5_000, null)), server, null));
        RunResult r = t.result();

        assertEquals(5_000, r.requests().ok());
        assertEquals(5_000, r.requests().total());
        assertEquals(0, r.requests().failed());
        assertEquals(0, r.requests().aborted());
        assertEquals(0, r.requests().retried());
        assertEquals(5_000, r.streams().opened());
        assertEquals(5_000, server.streamsStarted.get(), "not one request more than -n");
        assertEquals(Map.of("200", 5_000L), r.status());
        assertEquals(StopReason.COUNT, r.stopReason());
        assertEquals(Workload.Model.CLOSED, r.model());
        assertEquals(4, r.connections().opened());
        assertEquals(0, r.connections().lost());
        assertTrue(server.maxOpenOnAConnection.get() <= 8, "more than -p streams on a connection");
        assertEquals(8, server.maxOpenOnAConnection.get(), "connections were kept full");
        assertEquals(5_000 * 100L, r.bytes().received());
        assertEquals(5_000 * 40L, r.bytes().sent());
        assertTrue(r.durationSeconds() > 0 && r.durationSeconds() < 10, "duration " + r.durationSeconds());
        assertBooks(server, r);
    }

    @Test
    void closedModelLatencyIsTheServerTimeFromTheActualStart() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(10));
        RunResult r = run(new Scheduler(spec(closed(1, 1, 40, null)), server, null)).result();
        assertEquals(40, r.requests().ok());
        long p50 = r.histograms().latency().getValueAtPercentile(50);
        assertTrue(p50 >= 9_500 && p50 < 60_000, "p50 " + p50 + " µs for a 10 ms server");
        assertBooks(server, r);
    }

    @Test
    void durationStopEndsOnTimeAndCountsInFlightRequestsAsAborted() throws Exception {
        // 130 ms per request: the 1 s deadline falls in the middle of a round of requests, never
        // on the moment one round ends and the next would start.
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(130));
        List<IntervalSample> progress = new CopyOnWriteArrayList<>();
        Timed t = run(new Scheduler(spec(closed(4, 8, 0, Duration.ofSeconds(1))), server, progress::add));
        RunResult r = t.result();

        assertTrue(t.millis() >= 950 && t.millis() < 1_750, "a 1 s run took " + t.millis() + " ms");
        assertTrue(r.requests().ok() > 0, "no request completed");
        assertTrue(r.requests().aborted() > 0, "requests in flight at the deadline should be aborted");
        assertTrue(r.requests().aborted() <= 32, "more aborted than could be in flight: " + r.requests().aborted());
        assertEquals(0, r.requests().failed(), "requests cut off by the deadline are not failures: " + r.errors());
        assertEquals(r.requests().aborted(), r.streams().terminal(StreamState.CANCELLED));
        assertEquals(StopReason.DURATION, r.stopReason());
        assertTrue(r.durationSeconds() >= 0.95 && r.durationSeconds() < 1.5, "duration " + r.durationSeconds());
        assertTrue(progress.size() >= 2, "progress samples: " + progress.size());
        assertBooks(server, r);
    }

    @Test
    void openModelKeepsTheRequestedRate() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(2));
        RunResult r = run(new Scheduler(spec(open(2, 16, 500, Duration.ofSeconds(2))), server, null)).result();

        assertEquals(Workload.Model.OPEN, r.model());
        assertTrue(r.requests().total() >= 950 && r.requests().total() <= 1_050, "-q 500 for 2 s gave " + r.requests().total() + " requests");
        assertTrue(r.requests().ok() >= 950, "ok " + r.requests().ok());
        assertEquals(0, r.requests().failed());
        assertTrue(r.rps() >= 475 && r.rps() <= 525, "rps " + r.rps());
        assertEquals(StopReason.DURATION, r.stopReason());
        assertBooks(server, r);
    }

    @Test
    void openModelMeasuresFromTheIntendedStartSoAStallIsNotHidden() throws Exception {
        // One connection, one stream: the 20th request stalls for 500 ms. Every request meant to start
        // during the stall waits, and its latency counts from when it should have started.
        FakeServer server = new FakeServer().behaviour(s -> s.ordinal() == 20 ? Reply.okMillis(500) : Reply.okMillis(1));
        RunResult r = run(new Scheduler(spec(open(1, 1, 200, Duration.ofSeconds(2))), server, null)).result();

        assertTrue(r.requests().total() >= 360 && r.requests().total() <= 420,
                "the stall must not lower the request count: " + r.requests().total() + " requests, expected about 400");
        assertEquals(0, r.requests().failed());
        long max = r.histograms().latency().getMaxValue();
        long p99 = r.histograms().latency().getValueAtPercentile(99);
        long p90 = r.histograms().latency().getValueAtPercentile(90);
        assertTrue(max >= 490_000, "max latency " + max + " µs, the stall was 500 ms");
        assertTrue(p99 >= 400_000, "p99 " + p99 + " µs: the requests queued behind the stall are missing");
        assertTrue(p90 >= 100_000, "p90 " + p90 + " µs: coordinated omission");
        assertBooks(server, r);
    }

    @Test
    void refusedRequestsAreRetriedOnceAndThenSucceed() throws Exception {
        // Each connection refuses its first stream (REFUSED_STREAM) and sends GOAWAY. The retry is let
        // through wherever it lands, so that every request succeeds in the end.
        FakeServer server = new FakeServer().behaviour(s -> s.ordinalOnConnection() == 1 && s.attempt() == 0
                ? new Reply(500, StreamState.REFUSED, "refused: REFUSED_STREAM", 0, After.DRAIN)
                : Reply.ok(500));
        RunResult r = run(new Scheduler(spec(closed(2, 4, 500, null)), server, null)).result();

        assertTrue(r.requests().retried() > 0, "nothing was retried");
        assertEquals(500, r.requests().ok(), "errors " + r.errors());
        assertEquals(0, r.requests().failed());
        assertEquals(500, r.requests().total());
        assertEquals(500 + r.requests().retried(), r.streams().opened());
        assertEquals(r.requests().retried(), r.streams().terminal(StreamState.REFUSED));
        assertEquals(r.requests().retried(), r.connections().goaways(), "one GOAWAY per refused first stream");
        assertTrue(r.connections().opened() > 2, "no replacement connection after GOAWAY");
        assertEquals(StopReason.COUNT, r.stopReason());
        assertBooks(server, r);
    }

    @Test
    void aRefusedRetryIsNotRetriedAgain() throws Exception {
        FakeServer server = new FakeServer().behaviour(
                s -> new Reply(200, StreamState.REFUSED, "refused: REFUSED_STREAM", 0, After.NOTHING));
        RunResult r = run(new Scheduler(spec(closed(1, 2, 100, null)), server, null)).result();

        assertEquals(0, r.requests().ok());
        assertEquals(100, r.requests().failed());
        assertEquals(100, r.requests().retried(), "each request is retried exactly once");
        assertEquals(200, r.streams().opened());
        assertEquals(200, r.streams().terminal(StreamState.REFUSED));
        assertEquals(Map.of("refused: REFUSED_STREAM", 100L), r.errors());
        assertBooks(server, r);
    }

    @Test
    void unreachableTargetThrowsQuickly() {
        FakeServer server = new FakeServer().refuseConnections();
        Scheduler s = new Scheduler(spec(closed(4, 8, 100, null)), server, null);
        long t0 = System.nanoTime();
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class, s::run);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertTrue(millis < 1_500, "took " + millis + " ms to give up on an unreachable target");
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("connect: connection refused"), e.getMessage());
        assertTrue(e.getCause() instanceof java.net.ConnectException, String.valueOf(e.getCause()));
        assertEquals(1, server.enginesClosed.get(), "the engine is closed after a failed preflight");
        assertEquals(0, server.streamsStarted.get());
    }

    @Test
    void lostConnectionsAreReplacedAndEveryRequestIsAccountedFor() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> s.ordinalOnConnection() % 100 == 0
                ? Reply.ok(300).then(After.LOSE_CONNECTION)
                : Reply.ok(300));
        RunResult r = run(new Scheduler(spec(closed(4, 8, 3_000, null)), server, null)).result();

        assertTrue(r.connections().opened() > 4, "no reconnect: " + r.connections().opened());
        assertTrue(r.connections().lost() > 0, "no connection loss counted");
        assertEquals(3_000, r.requests().total(), "ok " + r.requests().ok() + " failed " + r.requests().failed() + " aborted " + r.requests().aborted());
        assertEquals(3_000, r.requests().ok() + r.requests().failed());
        assertTrue(r.requests().ok() > 2_500, "ok " + r.requests().ok());
        assertEquals(r.requests().failed(), r.streams().terminal(StreamState.CONNECTION_LOST));
        if (r.requests().failed() > 0) {
            assertEquals(Map.of("connection_lost: closed by peer", r.requests().failed()), r.errors());
        }
        assertEquals(3_000, r.streams().opened());
        assertEquals(StopReason.COUNT, r.stopReason());
        assertBooks(server, r);
    }

    @Test
    void stopFromAnotherThreadEndsALongRunPromptly() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(5));
        Scheduler s = new Scheduler(spec(closed(2, 4, 0, Duration.ofSeconds(60))), server, null);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            s.stop();
        }, "ctrl-c");
        stopper.start();
        Timed t = run(s);
        RunResult r = t.result();

        assertTrue(t.millis() < 2_500, "stop() took until " + t.millis() + " ms");
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertTrue(r.requests().ok() > 0);
        assertEquals(0, r.requests().failed(), "errors " + r.errors());
        assertTrue(r.durationSeconds() >= 0.4 && r.durationSeconds() < 2.5, "duration " + r.durationSeconds());
        assertBooks(server, r);
    }

    @Test
    void stopAlsoEndsAnOpenModelRun() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(5));
        Scheduler s = new Scheduler(spec(open(2, 4, 200, Duration.ofSeconds(60))), server, null);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            s.stop();
        }, "ctrl-c");
        stopper.start();
        Timed t = run(s);
        assertTrue(t.millis() < 2_500, "stop() took until " + t.millis() + " ms");
        assertEquals(StopReason.INTERRUPTED, t.result().stopReason());
        assertTrue(t.result().requests().ok() >= 50, "ok " + t.result().requests().ok());
        assertBooks(server, t.result());
    }

    /**
     * A connection being re-established when the run ends (the server closes connections often,
     * reconnecting is slow) must not hold the end of the run.
     */
    @Test
    void aReconnectInFlightAtTheEndDoesNotDelayTheResult() throws Exception {
        FakeServer server = new FakeServer()
                .behaviour(s -> s.ordinalOnConnection() == 5 ? Reply.okMillis(5).then(After.LOSE_CONNECTION) : Reply.okMillis(5))
                .connectDelayMillis(i -> i <= 2 ? 0 : 1_500);
        Timed t = run(new Scheduler(spec(closed(2, 2, 0, Duration.ofSeconds(1))), server, null));
        RunResult r = t.result();

        assertEquals(StopReason.DURATION, r.stopReason());
        assertTrue(r.connections().lost() > 0);
        if (t.millis() > 2_500) {
            fail("a 1 s run returned only after " + t.millis() + " ms: the end waited for a connect in flight");
        }
        assertBooks(server, r);
    }

    @Test
    void workloadRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> closed(0, 1, 10, null));
        assertThrows(IllegalArgumentException.class, () -> closed(1, 0, 10, null));
        assertThrows(IllegalArgumentException.class, () -> closed(1, 1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> closed(1, 1, 10, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> open(1, 1, Double.NaN, Duration.ofSeconds(1)));
        assertFalse(closed(1, 1, 10, null).model() == Workload.Model.OPEN);
    }

    @Test
    void closedModelCountsTimeHeldBackByThePeersStreamLimit() throws Exception {
        FakeServer server = new FakeServer().peerStreamLimit(2).behaviour(s -> Reply.okMillis(10));
        RunResult r = run(new Scheduler(spec(closed(1, 8, 60, null)), server, null)).result();
        assertEquals(60, r.requests().ok());
        assertTrue(server.maxOpenOnAConnection.get() <= 2, "never beyond the peer's limit: " + server.maxOpenOnAConnection.get());
        // 60 requests, 2 at a time, 10 ms each: about 300 ms with the connection held at the peer's limit.
        assertTrue(r.connections().creditWaitMillis() >= 200, "credit wait " + r.connections().creditWaitMillis() + " ms");
        assertTrue(r.connections().creditWaitMillis() <= r.durationSeconds() * 1000 + 1, "credit wait " + r.connections().creditWaitMillis() + " ms");
        assertBooks(server, r);
    }

    @Test
    void openModelCountsTimeHeldBackByThePeersStreamLimit() throws Exception {
        // 400 requests/s offered, 2 streams of 10 ms allowed: about 200/s fit, so requests keep waiting.
        FakeServer server = new FakeServer().peerStreamLimit(2).behaviour(s -> Reply.okMillis(10));
        RunResult r = run(new Scheduler(spec(open(1, 8, 400, Duration.ofSeconds(1))), server, null)).result();
        assertTrue(server.maxOpenOnAConnection.get() <= 2, "never beyond the peer's limit: " + server.maxOpenOnAConnection.get());
        assertTrue(r.connections().creditWaitMillis() >= 300, "credit wait " + r.connections().creditWaitMillis() + " ms in a 1 s overloaded run");
        assertTrue(r.connections().creditWaitMillis() <= r.durationSeconds() * 1000 + 1, "credit wait " + r.connections().creditWaitMillis() + " ms");
        assertBooks(server, r);
    }

    @Test
    void openModelHeldBackByParallelismAloneIsNoCreditWait() throws Exception {
        // The same overload, but -p (2) is the limit, not the peer: waiting for room is not waiting for credit.
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(10));
        RunResult r = run(new Scheduler(spec(open(1, 2, 400, Duration.ofSeconds(1))), server, null)).result();
        assertTrue(r.requests().ok() > 0);
        assertEquals(0.0, r.connections().creditWaitMillis(), "credit wait without a peer limit");
        assertBooks(server, r);
    }
}
