package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.assertBooks;
import static dev.quiver.core.schedule.SchedulerRuns.closed;
import static dev.quiver.core.schedule.SchedulerRuns.open;
import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.time.WallClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Scheduler#startAt}: connections first, then the load at the instant, on the wall clock. */
@Timeout(30)
class SchedulerStartAtTest {

    @Test
    void everyConnectionIsOpenedBeforeTheInstantAndTheLoadStartsAtIt() throws Exception {
        AtomicInteger connectsAtFirstStream = new AtomicInteger(-1);
        FakeServer server = new FakeServer();
        server.behaviour(s -> {
            connectsAtFirstStream.compareAndSet(-1, server.connectAttempts.get());
            return Reply.ok(200);
        });
        Scheduler s = new Scheduler(spec(closed(4, 2, 400, null)), server, null);
        long at = WallClock.nowMicros() + 700_000;
        s.startAt(at);
        RunResult r = s.run();

        long start = r.window().startMicros();
        assertTrue(start >= at - 1_000, "load began " + (at - start) + " us before the instant");
        // generous (a loaded machine), yet far below what ignoring the instant would give (the whole 700 ms early)
        assertTrue(start - at < 500_000, "load began " + (start - at) / 1000 + " ms after the instant");
        assertEquals(4, connectsAtFirstStream.get(), "every connection opened before the first request");
        assertEquals(400, r.requests().ok());
        assertEquals(StopReason.COUNT, r.stopReason());
        assertBooks(server, r);
    }

    @Test
    void anInstantAlreadyPastStartsAtOnceAndTheWindowShowsHowLate() throws Exception {
        FakeServer server = new FakeServer().behaviour(st -> Reply.ok(100));
        Scheduler s = new Scheduler(spec(open(2, 4, 200, Duration.ofMillis(500))), server, null);
        long at = WallClock.nowMicros() - 2_000_000;
        s.startAt(at);
        long before = System.nanoTime();
        RunResult r = s.run();
        assertTrue(System.nanoTime() - before < 20_000_000_000L);
        assertTrue(r.window().startMicros() - at >= 2_000_000, "a start 2 s past is at least 2 s late");
        assertEquals(StopReason.DURATION, r.stopReason());
        assertBooks(server, r);
    }

    @Test
    void aStopWhileWaitingForTheInstantEndsTheRunWithItsReport() throws Exception {
        FakeServer server = new FakeServer().behaviour(st -> Reply.ok(100));
        Scheduler s = new Scheduler(spec(closed(2, 1, 1_000_000, null)), server, null);
        s.startAt(WallClock.nowMicros() + 60_000_000);
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.connectAttempts.get() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            s.stop();
        });
        stopper.start();
        long before = System.nanoTime();
        RunResult r = s.run();
        stopper.join();
        assertTrue(System.nanoTime() - before < 20_000_000_000L, "the stop ended the wait for an instant a minute away");
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertEquals(0, r.requests().total());
        assertBooks(server, r);
    }
}
