package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.assertBooks;
import static dev.quiver.core.schedule.SchedulerRuns.closed;
import static dev.quiver.core.schedule.SchedulerRuns.open;
import static dev.quiver.core.schedule.SchedulerRuns.run;
import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.FakeServer.After;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.schedule.SchedulerRuns.Timed;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler against {@link FakeServer} on real threads (one per connection, the system clock):
 * what a user of {@code quiver run} would see in the report when connections race each other.
 * The tests about time run on a simulated clock in {@link SchedulerTimingTest}.
 */
@Timeout(30)
class SchedulerTest {

    @Test
    void closedModelWithCountRunsExactlyNRequests() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.ok(200));
        Timed t = run(new Scheduler(spec(closed(4, 8, 5_000, null)), server, null), Clock.system());
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
        assertEquals(LoadModel.CLOSED, r.model());
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
    void refusedRequestsAreRetriedOnceAndThenSucceed() throws Exception {
        // Each connection refuses its first stream (REFUSED_STREAM) and sends GOAWAY. The retry is let
        // through wherever it lands, so that every request succeeds in the end.
        FakeServer server = new FakeServer().behaviour(s -> s.ordinalOnConnection() == 1 && s.attempt() == 0
                ? new Reply(500, StreamState.REFUSED, "refused: REFUSED_STREAM", 0, After.DRAIN)
                : Reply.ok(500));
        RunResult r = new Scheduler(spec(closed(2, 4, 500, null)), server, null).run();

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
        RunResult r = new Scheduler(spec(closed(1, 2, 100, null)), server, null).run();

        assertEquals(0, r.requests().ok());
        assertEquals(100, r.requests().failed());
        assertEquals(100, r.requests().retried(), "each request is retried exactly once");
        assertEquals(200, r.streams().opened());
        assertEquals(200, r.streams().terminal(StreamState.REFUSED));
        assertEquals(Map.of("refused: REFUSED_STREAM", 100L), r.errors());
        assertBooks(server, r);
    }

    @Test
    void lostConnectionsAreReplacedAndEveryRequestIsAccountedFor() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> s.ordinalOnConnection() % 100 == 0
                ? Reply.ok(300).then(After.LOSE_CONNECTION)
                : Reply.ok(300));
        RunResult r = new Scheduler(spec(closed(4, 8, 3_000, null)), server, null).run();

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

    /**
     * A signal handler calls {@link Scheduler#stop()} on a thread of its own while the connections'
     * threads run: the real threads are the point. The stop comes once 200 requests have started.
     */
    @Test
    void stopFromAnotherThreadEndsALongRunPromptly() throws Exception {
        CountDownLatch started = new CountDownLatch(200);
        FakeServer server = new FakeServer().behaviour(s -> {
            started.countDown();
            return Reply.okMillis(5);
        });
        Scheduler s = new Scheduler(spec(closed(2, 4, 0, Duration.ofSeconds(60))), server, null);
        AtomicLong stoppedAt = stopWhenOpen(s, started);
        Timed t = run(s, Clock.system());
        long afterStop = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt.get());
        RunResult r = t.result();

        assertTrue(afterStop < 2_000, "the run ended " + afterStop + " ms after stop()");
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertTrue(r.requests().ok() >= 200 - 8, "ok " + r.requests().ok() + ": 200 started, at most 8 in flight");
        assertTrue(r.requests().aborted() <= 8, "aborted " + r.requests().aborted() + ", more than were in flight");
        assertEquals(0, r.requests().failed(), "errors " + r.errors());
        assertTrue(r.durationSeconds() > 0 && r.durationSeconds() * 1000 <= t.millis() + 1, "duration " + r.durationSeconds());
        assertBooks(server, r);
    }

    /** As above for the open model, whose dispatcher thread must end too. */
    @Test
    void stopFromAnotherThreadAlsoEndsAnOpenModelRun() throws Exception {
        CountDownLatch started = new CountDownLatch(60);
        FakeServer server = new FakeServer().behaviour(s -> {
            started.countDown();
            return Reply.okMillis(5);
        });
        Scheduler s = new Scheduler(spec(open(2, 4, 200, Duration.ofSeconds(60))), server, null);
        AtomicLong stoppedAt = stopWhenOpen(s, started);
        Timed t = run(s, Clock.system());
        long afterStop = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt.get());

        assertTrue(afterStop < 2_000, "the run ended " + afterStop + " ms after stop()");
        assertEquals(StopReason.INTERRUPTED, t.result().stopReason());
        assertTrue(t.result().requests().ok() >= 50, "ok " + t.result().requests().ok());
        assertBooks(server, t.result());
    }

    /** The open model's dispatcher is a real thread that sleeps between requests: its pacing, on the system clock. */
    @Test
    void openModelKeepsTheRequestedRateOnTheSystemClock() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.okMillis(2));
        RunResult r = new Scheduler(spec(open(2, 16, 500, Duration.ofSeconds(2))), server, null).run();

        assertEquals(LoadModel.OPEN, r.model());
        assertTrue(r.requests().total() >= 950 && r.requests().total() <= 1_050, "-q 500 for 2 s gave " + r.requests().total() + " requests");
        assertTrue(r.requests().ok() >= 950, "ok " + r.requests().ok());
        assertEquals(0, r.requests().failed());
        assertTrue(r.rps() >= 475 && r.rps() <= 525, "rps " + r.rps());
        assertEquals(StopReason.DURATION, r.stopReason());
        assertBooks(server, r);
    }

    @Test
    void workloadRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> closed(0, 1, 10, null));
        assertThrows(IllegalArgumentException.class, () -> closed(1, 0, 10, null));
        assertThrows(IllegalArgumentException.class, () -> closed(1, 1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> closed(1, 1, 10, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> open(1, 1, Double.NaN, Duration.ofSeconds(1)));
        assertFalse(closed(1, 1, 10, null).model() == LoadModel.OPEN);
    }

    /** A "ctrl-c" thread that calls {@link Scheduler#stop()} once {@code started} opens; returns when it did. */
    private static AtomicLong stopWhenOpen(Scheduler s, CountDownLatch started) {
        AtomicLong stoppedAt = new AtomicLong();
        Thread stopper = new Thread(() -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                return;
            }
            stoppedAt.set(System.nanoTime());
            s.stop();
        }, "ctrl-c");
        stopper.setDaemon(true);
        stopper.start();
        return stoppedAt;
    }
}
