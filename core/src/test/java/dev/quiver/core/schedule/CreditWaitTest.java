package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.assertBooks;
import static dev.quiver.core.schedule.SchedulerRuns.closed;
import static dev.quiver.core.schedule.SchedulerRuns.open;
import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Time the peer's stream limit, not {@code -p}, held requests back: on a simulated clock, so to the millisecond. */
@Timeout(30)
class CreditWaitTest {

    private final SimulatedClock clock = new SimulatedClock();

    @Test
    void closedModelCountsTimeHeldBackByThePeersStreamLimit() throws Exception {
        FakeServer server = new FakeServer(clock).peerStreamLimit(2).behaviour(s -> Reply.okMillis(10));
        RunResult r = new Scheduler(spec(closed(1, 8, 60, null)), server, null, clock).run();
        assertEquals(60, r.requests().ok());
        assertTrue(server.maxOpenOnAConnection.get() <= 2, "never beyond the peer's limit: " + server.maxOpenOnAConnection.get());
        // 60 requests, 2 at a time, 10 ms each: 300 ms, held at the peer's limit until the last
        // two start at 290 ms.
        assertEquals(290, r.connections().creditWaitMillis(), 0.001, "credit wait");
        assertEquals(0.3, r.durationSeconds(), 1e-6);
        assertBooks(server, r);
    }

    @Test
    void openModelCountsTimeHeldBackByThePeersStreamLimit() throws Exception {
        // 400 requests/s offered, 2 streams of 10 ms allowed: 200/s fit, so requests keep waiting.
        FakeServer server = new FakeServer(clock).peerStreamLimit(2).behaviour(s -> Reply.okMillis(10));
        RunResult r = new Scheduler(spec(open(1, 8, 400, Duration.ofSeconds(1))), server, null, clock).run();
        assertTrue(server.maxOpenOnAConnection.get() <= 2, "never beyond the peer's limit: " + server.maxOpenOnAConnection.get());
        assertTrue(r.connections().creditWaitMillis() >= 900, "credit wait " + r.connections().creditWaitMillis() + " ms in a 1 s overloaded run");
        assertTrue(r.connections().creditWaitMillis() <= r.durationSeconds() * 1000 + 1, "credit wait " + r.connections().creditWaitMillis() + " ms");
        assertBooks(server, r);
    }

    @Test
    void openModelHeldBackByParallelismAloneIsNoCreditWait() throws Exception {
        // The same overload, but -p (2) is the limit, not the peer: waiting for room is not waiting for credit.
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        RunResult r = new Scheduler(spec(open(1, 2, 400, Duration.ofSeconds(1))), server, null, clock).run();
        assertTrue(r.requests().ok() > 0);
        assertEquals(0.0, r.connections().creditWaitMillis(), "credit wait without a peer limit");
        assertBooks(server, r);
    }
}
