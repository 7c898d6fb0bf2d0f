package dev.quiver.h2.client;

import static dev.quiver.h2.client.LoadHarness.assertBooksBalance;
import static dev.quiver.h2.client.LoadHarness.errorsStartingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import dev.quiver.core.schedule.Workload;
import dev.quiver.h2.client.LoadHarness.Variant;
import dev.quiver.h2.server.EmbeddedServer;
import dev.quiver.h2.server.ServerConfig;
import dev.quiver.h2.testing.NoByteBufLeaks;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TCP engine against the embedded server, for HTTP/1.1, HTTP/2 over TLS and h2c: plain load
 * and each fault switch. After every run the books balance: every request accounted for, no
 * live stream, no double terminal.
 */
@ExtendWith(NoByteBufLeaks.class)
class TcpEngineFaultsTest {

    private static EmbeddedServer start(ServerConfig.Builder b) {
        return new EmbeddedServer(b.tlsPort(0).plainPort(0).threads(1).build()).start();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void plainLoadCompletesEveryRequest(Variant v) throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder())) {
            RunResult r = LoadHarness.run(v, server, "/", 4, 8, 5_000, Duration.ofSeconds(10), null);
            assertBooksBalance(r, 5_000);
            assertEquals(5_000, r.ok());
            assertEquals(5_000L, r.status().get("200"));
            assertEquals(v.protocol.displayName(), r.protocol());
            assertEquals(4, r.connectionsOpened());
            assertTrue(r.bytesIn() > 0);
            if (v.tls) {
                assertEquals(4, r.tlsHandshake().getTotalCount());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void goawayEvery100DrainsAndReconnectsWithoutFailures(Variant v) throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().goawayEvery(100))) {
            RunResult r = LoadHarness.run(v, server, "/", 4, 8, 4_000, Duration.ofSeconds(10), null);
            assertBooksBalance(r, 4_000);
            // A refused request is retried once; only a retry refused again (its new connection
            // drained too) may fail, and then as refused.
            assertEquals(r.failed(), errorsStartingWith(r, "refused: "), "a graceful GOAWAY loses nothing else: " + r.errors());
            assertTrue(r.failed() <= 4_000 / 100, "few double refusals: " + r.errors());
            assertTrue(r.connectionsOpened() >= 4_000 / 100, "reconnects: " + r.connectionsOpened());
            assertEquals(0, r.connectionsLost());
            if (v.protocol == Protocol.HTTP_2) {
                assertTrue(r.goaways() >= 4_000 / 100 - 4, "GOAWAYs seen: " + r.goaways());
                assertEquals(r.retried() + r.failed(), r.streams().terminal(dev.quiver.core.stream.StreamState.REFUSED),
                        "each refused stream retried once, a refused retry fails");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void abruptCloseEvery100LosesOnlyThatConnectionsStreams(Variant v) throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().closeEvery(100))) {
            RunResult r = LoadHarness.run(v, server, "/", 4, 8, 4_000, Duration.ofSeconds(10), null);
            assertBooksBalance(r, 4_000);
            assertTrue(r.failed() > 0, "closes cost requests");
            assertEquals(r.failed(), errorsStartingWith(r, "connection_lost"), "categories: " + r.errors());
            assertTrue(r.connectionsLost() >= 4_000 / 100 / 2, "connections lost: " + r.connectionsLost());
            assertTrue(r.connectionsOpened() >= 4_000 / 100 / 2, "reconnects: " + r.connectionsOpened());
            assertTrue(r.ok() > 4_000 * 0.7, "most requests still succeed: " + r.ok());
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void resetEvery50EndsThoseStreamsAsResets(Variant v) throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().resetEvery(50))) {
            RunResult r = LoadHarness.run(v, server, "/bytes/2000", 4, 8, 4_000, Duration.ofSeconds(10), null);
            assertBooksBalance(r, 4_000);
            assertTrue(r.failed() >= 4_000 / 50 / 2, "resets seen: " + r.errors());
            String expected = v.protocol == Protocol.HTTP_2 ? "reset_by_peer: RST_STREAM" : "connection_lost: closed mid-response";
            assertEquals(r.failed(), errorsStartingWith(r, expected), "categories: " + r.errors());
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void stallEvery200TimesOutThoseRequests(Variant v) throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().stallEvery(200))) {
            RunResult r = LoadHarness.run(v, server, "/", 4, 8, 2_000, Duration.ofMillis(400), null);
            assertBooksBalance(r, 2_000);
            assertTrue(r.failed() >= 2_000 / 200 / 2, "timeouts: " + r.errors());
            assertEquals(r.failed(), errorsStartingWith(r, "timed_out"), "categories: " + r.errors());
            assertTrue(r.latency().getMaxValue() < 400_000, "completed requests are the fast ones");
        }
    }

    @Test
    void unreachableTargetFailsFast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Workload w = new Workload(2, 1, 10, null, 0, Duration.ofSeconds(5));
        RunSpec spec = new RunSpec(Target.parse("http://127.0.0.1:" + port + "/"), null, false, RequestTemplate.get(), w,
                Duration.ofSeconds(2), 1, Duration.ofSeconds(1));
        long start = System.nanoTime();
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class,
                () -> new Scheduler(spec, new NettyEngineProvider(), null).run());
        assertEquals("connect: refused", e.getMessage());
        assertTrue(System.nanoTime() - start < 3_000_000_000L);
    }

    @Test
    void negotiatesHttp2ByAlpnWhenNoVersionIsGiven() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder())) {
            Workload w = new Workload(2, 4, 200, null, 0, Duration.ofSeconds(5));
            RunSpec spec = new RunSpec(Target.parse("https://127.0.0.1:" + server.tlsPort() + "/"), null, true,
                    RequestTemplate.get(), w, Duration.ofSeconds(5), 1, Duration.ofSeconds(1));
            RunResult r = new Scheduler(spec, new NettyEngineProvider(), null).run();
            assertEquals("HTTP/2", r.protocol());
            assertEquals("h2", r.alpn());
            assertBooksBalance(r, 200);
        }
    }
}
