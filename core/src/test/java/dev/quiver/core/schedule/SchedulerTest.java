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

    /**
     * Every connection drains after its 100th request and refuses the streams that came after it, so
     * connections opened together drain together, as when a server reloads. A refused request waits
     * for a connection newer than its refused attempt: sent to another old one, it would be refused again.
     * The server counts the retries it refuses in {@code refusedRetries}.
     */
    private static FakeServer drainingTogether(long delayMicros, AtomicLong refusedRetries) {
        return new FakeServer().connectDelayMillis(i -> 2).behaviour(s -> {
            if (s.ordinalOnConnection() < 100) {
                return Reply.ok(delayMicros);
            }
            if (s.ordinalOnConnection() == 100) {
                return Reply.ok(delayMicros).then(After.DRAIN);
            }
            if (s.attempt() > 0) {
                refusedRetries.incrementAndGet();
            }
            return new Reply(delayMicros, StreamState.REFUSED, "refused: beyond GOAWAY", 0, After.NOTHING);
        });
    }

    @Test
    void connectionsThatDrainTogetherLoseNoRequest() throws Exception {
        AtomicLong refusedRetries = new AtomicLong();
        // 2 ms responses: a connection lives 25 ms, well above this machine's scheduling jitter
        FakeServer server = drainingTogether(2_000, refusedRetries);
        RunResult r = new Scheduler(spec(closed(4, 8, 4_000, null)), server, null).run();

        assertTrue(r.requests().retried() >= 100, "retried " + r.requests().retried());
        assertEquals(0, refusedRetries.get(), "retries refused again");
        assertEquals(0, r.requests().failed(), "errors: " + r.errors());
        assertEquals(4_000, r.requests().ok());
        assertEquals(r.requests().retried(), r.streams().terminal(StreamState.REFUSED));
        assertBooks(server, r);
    }

    @Test
    void connectionsThatDrainTogetherLoseNoRequestInTheOpenModel() throws Exception {
        // 2,000 requests a second of 10 ms each: about 5 in flight on each connection when it drains
        AtomicLong refusedRetries = new AtomicLong();
        FakeServer server = drainingTogether(10_000, refusedRetries);
        RunResult r = new Scheduler(spec(open(4, 8, 2_000, Duration.ofSeconds(1))), server, null).run();

        assertTrue(r.requests().retried() >= 30, "retried " + r.requests().retried());
        assertEquals(0, refusedRetries.get(), "retries refused again");
        // A request refused as the run's time runs out is not retried: it fails as refused.
        assertEquals(r.requests().failed(), r.errors().getOrDefault("refused: beyond GOAWAY", 0L), "errors: " + r.errors());
        assertTrue(r.requests().failed() <= 8 * 4, "failed " + r.requests().failed());
        assertTrue(r.requests().ok() >= 1_900, "ok " + r.requests().ok() + " of " + r.requests().total());
        assertBooks(server, r);
    }

    @Test
    void aRetryWaitsForANewConnectionNoLongerThanTheConnectTimeout() throws Exception {
        // The first connection drains after its 50th request; its replacement takes 30 s to connect.
        // Its refused requests wait the connect timeout (2 s) for it, then go to the other connection.
        FakeServer server = new FakeServer().connectDelayMillis(i -> i <= 2 ? 0 : 30_000).behaviour(s -> {
            if (s.connection() != 1 || s.ordinalOnConnection() < 50) {
                return Reply.ok(300);
            }
            return s.ordinalOnConnection() == 50 ? Reply.ok(300).then(After.DRAIN)
                    : new Reply(300, StreamState.REFUSED, "refused: beyond GOAWAY", 0, After.NOTHING);
        });
        RunResult r = new Scheduler(spec(closed(2, 4, 400, null)), server, null).run();

        assertTrue(r.requests().retried() >= 1, "retried " + r.requests().retried());
        assertEquals(400, r.requests().ok(), "errors " + r.errors());
        long slowest = r.histograms().latency().getMaxValue();
        assertTrue(slowest >= 1_900_000 && slowest < 3_500_000, "the slowest request took " + slowest + " µs");
        assertBooks(server, r);
    }

    @Test
    void aRetryOnAConnectionThatGoesOnDoesNotWaitForANewOne() throws Exception {
        // REFUSED_STREAM without GOAWAY: no connection is being opened, so the retry goes at once
        // to one with room rather than waiting (up to the connect timeout, 2 s) for a new one.
        FakeServer server = new FakeServer().behaviour(s -> s.ordinalOnConnection() % 10 == 0 && s.attempt() == 0
                ? new Reply(300, StreamState.REFUSED, "refused: REFUSED_STREAM", 0, After.NOTHING)
                : Reply.ok(300));
        RunResult r = new Scheduler(spec(closed(2, 4, 1_000, null)), server, null).run();

        assertTrue(r.requests().retried() >= 50, "retried " + r.requests().retried());
        assertEquals(1_000, r.requests().ok(), "errors " + r.errors());
        assertEquals(2, r.connections().opened());
        long slowest = r.histograms().latency().getMaxValue();
        assertTrue(slowest < 1_000_000, "the slowest request took " + slowest + " µs: a retry waited for a connection");
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
