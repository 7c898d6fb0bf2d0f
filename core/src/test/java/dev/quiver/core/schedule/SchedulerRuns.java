package dev.quiver.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import dev.quiver.core.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the scheduler tests share: the run they describe, timing a run, and the books every run must balance. */
final class SchedulerRuns {

    private SchedulerRuns() {
    }

    static RunSpec spec(Workload w) {
        return new RunSpec(Target.parse("http://fake.test/hello"), Protocol.HTTP_2, false, RequestTemplate.get(), w,
                Duration.ofSeconds(2), 0, Duration.ofMillis(250));
    }

    /** Closed model: -c, -p, -n, -z. */
    static Workload closed(int c, int p, long n, Duration z) {
        return new Workload(c, p, n, z, 0, Duration.ofSeconds(30));
    }

    /** Open model: -c, -p, -q, -z. */
    static Workload open(int c, int p, double rate, Duration z) {
        return new Workload(c, p, 0, z, rate, Duration.ofSeconds(30));
    }

    /** A run's result and how long it took on the clock it ran on. */
    record Timed(RunResult result, long millis) {
    }

    static Timed run(Scheduler s, Clock clock) throws TargetUnreachableException {
        long t0 = clock.nanoTime();
        RunResult r = s.run();
        return new Timed(r, TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - t0));
    }

    /** What must hold after every run: the tracker's books, the report's sums, the engine contract. */
    static void assertBooks(FakeServer server, RunResult r) {
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
}
