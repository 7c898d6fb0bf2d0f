package dev.quiver.h2.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import dev.quiver.core.schedule.Workload;
import dev.quiver.h2.server.EmbeddedServer;
import java.time.Duration;
import java.util.function.Consumer;

/** Runs the TCP engine through the real scheduler, and checks the books every run must balance. */
final class LoadHarness {

    /** The three ways the TCP engine reaches a server. */
    enum Variant {
        HTTP1_PLAIN(Protocol.HTTP_1_1, false),
        HTTP2_TLS(Protocol.HTTP_2, true),
        H2C(Protocol.HTTP_2, false);

        final Protocol protocol;
        final boolean tls;

        Variant(Protocol protocol, boolean tls) {
            this.protocol = protocol;
            this.tls = tls;
        }

        String url(EmbeddedServer server, String path) {
            return tls ? "https://127.0.0.1:" + server.tlsPort() + path : "http://127.0.0.1:" + server.plainPort() + path;
        }
    }

    private LoadHarness() {
    }

    static RunResult run(Variant v, EmbeddedServer server, String path, int connections, int streams, long requests,
                         Duration timeout, Consumer<IntervalSample> progress) throws TargetUnreachableException {
        Workload w = new Workload(connections, streams, requests, Duration.ofSeconds(300), 0, timeout);
        RunSpec spec = new RunSpec(Target.parse(v.url(server, path)), v.protocol, true, RequestTemplate.get(), w,
                Duration.ofSeconds(5), 2, Duration.ofMillis(200));
        return new Scheduler(spec, new NettyEngineProvider(), progress).run();
    }

    /** Every request accounted for, every stream ended exactly once, nothing live. */
    static void assertBooksBalance(RunResult r, long requests) {
        String where = r.protocol() + " " + r.errors() + " " + r.streams();
        assertEquals("count", r.stopReason(), where);
        assertEquals(requests, r.total(), "every request reached a final outcome: " + where);
        assertEquals(requests, r.ok() + r.failed(), "ok + failed: " + where);
        assertEquals(0, r.streams().live(), "live streams: " + where);
        assertEquals(0, r.streams().doubleTerminal(), "double terminal: " + where);
        assertEquals(0, r.streams().forcedByWatchdog(), "forced by watchdog: " + where);
        assertEquals(r.streams().opened(), r.streams().terminalSum(), "opened == sum of terminals: " + where);
        assertEquals(0, r.connectFailures(), "connect failures: " + where);
        assertEquals(r.streams().opened(), r.ok() + r.failed() + r.retried(), "one stream per request and retry: " + where);
        long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(r.failed(), errors, "every failure has an error category: " + where);
        assertTrue(r.streams().balanced(), where);
    }

    /** Sum of the error counts whose category starts with {@code prefix}. */
    static long errorsStartingWith(RunResult r, String prefix) {
        return r.errors().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }
}
