package dev.quiver.quic.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import dev.quiver.core.schedule.Workload;
import dev.quiver.core.stream.StreamState;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Netty HTTP/3 engine against a server that resets, rejects, drains, closes and stalls on
 * purpose: every fault ends its streams in the right state with the right category, and the books
 * balance after every run.
 */
@ExtendWith(NoLeaksReported.class)
class NettyQuicFaultsTest {

    private static FaultyH3Server server;

    @BeforeAll
    static void startServer() throws Exception {
        server = FaultyH3Server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RunResult run(String path, long requests, Duration timeout) throws Exception {
        Workload w = new Workload(2, 8, requests, Duration.ofSeconds(30), 0, timeout);
        RunSpec spec = new RunSpec(Target.parse(server.url(path)), Protocol.HTTP_3, true, RequestTemplate.get(), w,
                Duration.ofSeconds(5), 2, Duration.ofMillis(200));
        RunResult r = new Scheduler(spec, new NettyQuicEngineProvider(), null).run();
        String where = r.errors() + " " + r.streams();
        assertEquals(StopReason.COUNT, r.stopReason(), where);
        assertEquals(requests, r.requests().ok() + r.requests().failed(), "every request accounted for: " + where);
        assertEquals(0, r.streams().live(), "live streams: " + where);
        assertEquals(0, r.streams().doubleTerminal(), "double terminal: " + where);
        assertEquals(0, r.streams().forcedByWatchdog(), "forced by watchdog: " + where);
        assertEquals(r.streams().opened(), r.requests().ok() + r.requests().failed() + r.requests().retried(), "one stream per request and retry: " + where);
        assertTrue(r.streams().balanced(), where);
        assertEquals(r.requests().failed(), r.errors().values().stream().mapToLong(Long::longValue).sum(), "categories: " + where);
        return r;
    }

    private static long errors(RunResult r, String category) {
        return r.errors().getOrDefault(category, 0L);
    }

    @Test
    void resetStreamEndsAsResetByPeer() throws Exception {
        RunResult r = run("/reset/50", 600, Duration.ofSeconds(10));
        assertTrue(r.requests().failed() >= 6, "resets seen: " + r.errors());
        assertEquals(r.requests().failed(), errors(r, "reset_by_peer: RESET_STREAM H3_INTERNAL_ERROR (0x102)"), "categories: " + r.errors());
    }

    @Test
    void requestRejectedIsRefusedAndRetried() throws Exception {
        RunResult r = run("/reject/50", 600, Duration.ofSeconds(10));
        assertTrue(r.requests().retried() >= 6, "retries: " + r.requests().retried() + " " + r.errors());
        assertEquals(r.requests().retried() + r.requests().failed(), r.streams().terminal(StreamState.REFUSED), "refused streams are retried once");
        assertEquals(r.requests().failed(), errors(r, "refused: RESET_STREAM H3_REQUEST_REJECTED (0x10b)"), "categories: " + r.errors());
    }

    @Test
    void goawayDrainsAndReconnects() throws Exception {
        RunResult r = run("/goaway/100", 600, Duration.ofSeconds(10));
        assertTrue(r.connections().goaways() >= 3, "GOAWAYs seen: " + r.connections().goaways());
        assertTrue(r.connections().opened() >= 4, "reconnects: " + r.connections().opened());
        assertEquals(0, r.connections().lost(), "a graceful GOAWAY loses no connection");
        assertEquals(r.requests().failed(), errors(r, "refused: beyond GOAWAY"), "only refusals: " + r.errors());
        assertTrue(r.requests().failed() <= 6, "few double refusals: " + r.errors());
    }

    @Test
    void connectionCloseLosesThatConnectionsStreams() throws Exception {
        RunResult r = run("/close/200", 600, Duration.ofSeconds(10));
        assertTrue(r.requests().failed() > 0, "closes cost requests");
        assertTrue(r.connections().lost() >= 2, "connections lost: " + r.connections().lost());
        assertEquals(r.requests().failed(), errors(r, "connection_lost: CONNECTION_CLOSE H3_INTERNAL_ERROR (0x102)"), "categories: " + r.errors());
        assertTrue(r.requests().ok() > 600 * 0.8, "most requests still succeed: " + r.requests().ok());
    }

    @Test
    void aGoawayRfc9114ForbidsIsAConnectionErrorWithoutAStackTrace() throws Exception {
        try (NettyWarnings warnings = NettyWarnings.capture()) {
            RunResult r = run("/badgoaway/100", 600, Duration.ofSeconds(10));
            assertTrue(r.connections().opened() >= 4, "each bad GOAWAY costs its connection: " + r.connections().opened());
            assertTrue(r.requests().failed() > 0, "the streams in flight on it end: " + r.errors());
            // RFC 9114, 5.2: a GOAWAY id that names no client request stream is H3_ID_ERROR.
            assertEquals(r.requests().failed(), errors(r, "protocol_error: connection error H3_ID_ERROR (0x108)"),
                    "categories: " + r.errors());
            assertEquals(r.requests().failed(), r.streams().terminal(StreamState.PROTOCOL_ERROR), r.streams().toString());
            assertEquals(java.util.List.of(), warnings.messages(), "nothing reaches the end of a pipeline");
        }
    }

    @Test
    void stalledStreamsTimeOutAndAreReset() throws Exception {
        RunResult r = run("/stall/100", 600, Duration.ofMillis(500));
        assertTrue(r.requests().failed() >= 3, "timeouts: " + r.errors());
        assertEquals(r.requests().failed(), errors(r, "timed_out"), "categories: " + r.errors());
    }

    @Test
    void untrustedCertificateFailsTheHandshakeWithoutInsecure() {
        Workload w = new Workload(1, 1, 10, null, 0, Duration.ofSeconds(5));
        RunSpec spec = new RunSpec(Target.parse(server.url("/")), Protocol.HTTP_3, false, RequestTemplate.get(), w,
                Duration.ofSeconds(3), 1, Duration.ofSeconds(1));
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class,
                () -> new Scheduler(spec, new NettyQuicEngineProvider(), null).run());
        assertEquals("tls: handshake failed, CERTIFICATE_VERIFY_FAILED", e.getMessage());
    }
}
