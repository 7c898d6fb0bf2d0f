package dev.quiver.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.time.SimulatedClock;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connects that fail during a run: always counted by category, and a local shortage backs off (on a simulated clock). */
@Timeout(30)
class ConnectFailureTest {

    private final SimulatedClock clock = new SimulatedClock();

    private static RunSpec spec(Workload w) {
        return new RunSpec(Target.parse("http://fake.test/"), Protocol.HTTP_2, false, RequestTemplate.get(), w,
                Duration.ofSeconds(2), 0, Duration.ofMillis(250));
    }

    private static long sum(java.util.Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void connectsThatFailAfterTheLastRequestStillShowByCategory() throws Exception {
        // -n 1: the first connection takes the only request; the other slots' failures cost no request.
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(300))
                .connectDelayMillis(i -> i == 1 ? 0 : 100)
                .failConnectsAfter(1, "connect: refused", () -> new java.net.ConnectException("Connection refused"));
        RunResult r = new Scheduler(spec(new Workload(8, 1, 1, null, 0, Duration.ofSeconds(30))), server, null, clock).run();

        assertEquals(1, r.requests().ok());
        assertEquals(0, r.requests().failed());
        // The 7 other slots fail at 100 ms, while the one request runs (until 300 ms); their
        // retries 20 ms later fail again, and so on until the run ends.
        assertTrue(r.connections().connectFailures() >= 7, "connect failures " + r.connections().connectFailures());
        assertEquals(r.connections().connectFailures(), sum(r.connections().connectErrors()), "every failed connect has a category: " + r.connections().connectErrors());
        assertTrue(r.connections().connectErrors().containsKey("connect: refused"), r.connections().connectErrors().toString());
    }

    @Test
    void aLocalShortageIsNamedTheSameOnEveryEngineAndBacksOff() throws Exception {
        // 4 connections open, then the process is out of descriptors: an engine that only knows "SocketException".
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(5))
                .failConnectsAfter(4, "connect: SocketException", () -> new SocketException("Too many open files"));
        Workload w = new Workload(40, 1, 0, Duration.ofSeconds(2), 0, Duration.ofSeconds(30));
        RunResult r = new Scheduler(spec(w), server, null, clock).run();

        String category = r.connections().connectErrors().keySet().stream().findFirst().orElseThrow();
        assertEquals(1, r.connections().connectErrors().size(), r.connections().connectErrors().toString());
        assertTrue(category.startsWith("connect: too many open files (descriptor limit "), category);
        assertEquals(r.connections().connectFailures(), sum(r.connections().connectErrors()));
        // Each failed connect during the load costs one request, under the same name.
        assertEquals(r.requests().failed(), r.errors().getOrDefault(category, 0L), r.errors().toString());
        assertTrue(r.requests().ok() > 0, "the 4 open connections carry the load");
        // 36 failing slots, back-off 250 ms doubling to 5 s (+ up to 25%) over 2 s: tries at 0, 250 to
        // 313, 500 to 938 and 1750 to 2188 ms after the first: 3 or 4 each. A slot that retried as
        // after a refused connect (20 ms doubling) would make about 8.
        int failing = server.connectAttempts.get() - 4;
        assertTrue(failing <= 36 * 4, "connect attempts of the failing slots in 2 s: " + failing);
        assertTrue(failing >= 36 * 3, "every failing slot tried three times at least: " + failing);
    }
}
