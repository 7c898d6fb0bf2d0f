package dev.quiver.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --max-connecting}: connects wait their turn, every connection still opens, a failed connect frees its place. */
@Timeout(30)
class ConnectBoundTest {

    private final SimulatedClock clock = new SimulatedClock();

    private static RunSpec spec(Workload w) {
        return new RunSpec(Target.parse("http://fake.test/"), Protocol.HTTP_2, false, RequestTemplate.get(), w,
                Duration.ofSeconds(2), 0, Duration.ofMillis(250));
    }

    private static Workload load(int connections, Duration duration, int maxConnecting) {
        return new Workload(connections, 1, 0, duration, 0, Duration.ofSeconds(30), Duration.ZERO, null, maxConnecting);
    }

    @Test
    void connectsBeyondTheBoundWaitAndEveryConnectionOpens() throws Exception {
        // 100 ms a handshake, 4 at a time: the 20 connections are all open after 500 ms of a 2 s run.
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10)).connectDelayMillis(i -> 100);
        RunResult r = new Scheduler(spec(load(20, Duration.ofSeconds(2), 4)), server, null, clock).run();

        assertEquals(4, server.mostConnectingAtOnce.get(), "connects under way at once");
        assertEquals(20, r.connections().opened());
        assertEquals(0, r.connections().connectFailures());
        assertTrue(server.violations.isEmpty(), server.violations.toString());
        // Every connection carried requests once open: 20 x 10 ms requests for most of 2 s.
        assertTrue(r.requests().ok() > 20 * 100, "requests " + r.requests().ok());
    }

    @Test
    void theDefaultBoundLetsAFewConnectionsOpenAtOnce() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10)).connectDelayMillis(i -> 100);
        Workload w = new Workload(50, 1, 0, Duration.ofSeconds(1), 0, Duration.ofSeconds(30));
        RunResult r = new Scheduler(spec(w), server, null, clock).run();

        assertEquals(Workload.DEFAULT_MAX_CONNECTING, w.maxConnecting());
        assertEquals(49, server.mostConnectingAtOnce.get(), "all but the first (the preflight) connect together");
        assertEquals(50, r.connections().opened());
    }

    @Test
    void aFailedConnectFreesItsPlace() throws Exception {
        // Every connect is refused; one at a time, every slot still gets its turns.
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10)).connectDelayMillis(i -> 10)
                .failConnectsAfter(1, "connect: refused", () -> new java.net.ConnectException("Connection refused"));
        RunResult r = new Scheduler(spec(load(6, Duration.ofSeconds(1), 1)), server, null, clock).run();

        assertEquals(1, server.mostConnectingAtOnce.get());
        assertEquals(1, r.connections().opened(), "the first connection");
        assertTrue(server.connectAttempts.get() >= 6 * 3, "connect attempts " + server.connectAttempts.get());
        assertTrue(r.connections().connectFailures() >= 5 * 3, "connect failures " + r.connections().connectFailures());
    }
}
