package dev.quiver.quic.netty;

import dev.quiver.core.report.StopReason;
import dev.quiver.quic.testing.CaddyH3Server;
import dev.quiver.quic.testing.ConnectOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import dev.quiver.core.schedule.Workload;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.server.h3.Http3EmbeddedServer;
import dev.quiver.server.h3.Http3ServerConfig;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Netty HTTP/3 engine against Debian's Caddy (quic-go), through the real scheduler. After every
 * run the books balance: every request accounted for, no live stream, no double terminal.
 */
@ExtendWith(NoLeaksReported.class)
class NettyQuicEngineTest {

    private static CaddyH3Server caddy;

    @BeforeAll
    static void startCaddy() throws Exception {
        // No default_sni: the engine must send SNI for "localhost" itself, or Caddy aborts the handshake.
        caddy = CaddyH3Server.start(false);
    }

    @AfterAll
    static void stopCaddy() {
        if (caddy != null) {
            caddy.close();
        }
    }

    private static RunResult run(int connections, int streams, long requests) throws TargetUnreachableException {
        return run(connections, streams, requests, new NettyQuicEngineProvider());
    }

    private static RunResult run(int connections, int streams, long requests, NettyQuicEngineProvider engine)
            throws TargetUnreachableException {
        Workload w = new Workload(connections, streams, requests, Duration.ofSeconds(60), 0, Duration.ofSeconds(10));
        RunSpec spec = new RunSpec(Target.parse(caddy.url("/")), Protocol.HTTP_3, true, RequestTemplate.get(), w,
                Duration.ofSeconds(5), 2, Duration.ofMillis(200));
        return new Scheduler(spec, engine, null).run();
    }

    /** Every request accounted for, every stream ended exactly once, nothing live. */
    private static void assertBooksBalance(RunResult r, long requests) {
        String where = r.protocol() + " " + r.errors() + " " + r.streams();
        assertEquals(StopReason.COUNT, r.stopReason(), where);
        assertEquals(requests, r.requests().total(), "every request reached a final outcome: " + where);
        assertEquals(requests, r.requests().ok() + r.requests().failed(), "ok + failed: " + where);
        assertEquals(0, r.streams().live(), "live streams: " + where);
        assertEquals(0, r.streams().doubleTerminal(), "double terminal: " + where);
        assertEquals(0, r.streams().forcedByWatchdog(), "forced by watchdog: " + where);
        assertEquals(r.streams().opened(), r.streams().terminalSum(), "opened == sum of terminals: " + where);
        assertEquals(r.streams().opened(), r.requests().ok() + r.requests().failed() + r.requests().retried(), "one stream per request and retry: " + where);
        long errors = r.errors().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(r.requests().failed(), errors, "every failure has an error category: " + where);
        assertTrue(r.streams().balanced(), where);
    }

    @Test
    void plainLoadCompletesEveryRequestOverHttp3() throws Exception {
        RunResult r = run(2, 10, 2_000);
        assertBooksBalance(r, 2_000);
        assertEquals(2_000, r.requests().ok(), () -> "errors: " + r.errors());
        assertEquals(0, r.requests().failed());
        assertEquals(2_000L, r.status().get("200"));
        assertEquals(Protocol.HTTP_3, r.protocol());
        assertEquals("h3", r.alpn());
        assertEquals("netty", r.engine());
        assertEquals(2, r.connections().opened());
        assertEquals(0, r.connections().connectFailures());
        assertEquals(2, r.histograms().quicHandshake().getTotalCount(), "a QUIC handshake time per connection");
        assertEquals(0, r.histograms().tlsHandshake().getTotalCount(), "QUIC has no separate TLS handshake");
        assertEquals(0, r.histograms().connect().getTotalCount(), "QUIC has no TCP connect");
        assertEquals(2_000 * 2, r.bytes().received(), "Caddy answers 'ok'");
    }

    /**
     * A connection retires after the requests it may carry (quiche's record of its streams only
     * grows): its replacement takes over, and no request fails or waits for a GOAWAY.
     */
    @Test
    void aConnectionRetiresAfterItsShareOfRequestsAndItsReplacementTakesOver() throws Exception {
        RunResult r = run(1, 10, 1_000, new NettyQuicEngineProvider(100));
        assertBooksBalance(r, 1_000);
        assertEquals(1_000, r.requests().ok(), () -> "errors: " + r.errors());
        assertEquals(0, r.requests().retried(), "no request refused on a retiring connection");
        assertTrue(r.connections().opened() >= 10 && r.connections().opened() <= 11,
                "100 requests a connection, the last replacement perhaps opened as the run ended: " + r.connections());
        assertEquals(0, r.connections().lost(), "a retired connection is not a lost one");
        assertEquals(0, r.connections().goaways(), "nor a GOAWAY");
    }

    /**
     * Caddy (quic-go) allows 100 concurrent bidirectional streams. With {@code -p 150} quiver wants
     * more; it must wait for credit (MAX_STREAMS) rather than exceed it, which quic-go would
     * punish with a STREAM_LIMIT_ERROR that closes the connection.
     */
    @Test
    void neverExceedsThePeersStreamCredit() throws Exception {
        RunResult r = run(1, 150, 3_000);
        assertBooksBalance(r, 3_000);
        assertEquals(3_000, r.requests().ok(), () -> "errors: " + r.errors());
        assertEquals(0, r.connections().lost(), "no connection closed for a stream-limit violation");
        assertEquals(1, r.connections().opened());
        assertEquals(100, r.connections().peerStreamLimitMax(), "Caddy's initial_max_streams_bidi");
        assertTrue(r.connections().creditWaitMillis() > 0, "quiver waited for stream credit: " + r.connections().creditWaitMillis());
    }

    @Test
    void unreachableUdpPortFailsWithinTheConnectTimeout() throws Exception {
        int port = CaddyH3Server.freeTcpAndUdpPort();
        Workload w = new Workload(2, 1, 10, null, 0, Duration.ofSeconds(5));
        RunSpec spec = new RunSpec(Target.parse("https://127.0.0.1:" + port + "/"), Protocol.HTTP_3, true,
                RequestTemplate.get(), w, Duration.ofMillis(1_500), 1, Duration.ofSeconds(1));
        long start = System.nanoTime();
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class,
                () -> new Scheduler(spec, new NettyQuicEngineProvider(), null).run());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage().startsWith("quic: handshake timed out"), e.getMessage());
        assertTrue(millis < 1_500 + 1_500, "failed after " + millis + " ms");
    }

    /** The set-up facts a report shows: ALPN h3, QUIC v1, and TLS resumption on a second connection. */
    @Test
    void reportsQuicFactsAndResumesTheTlsSession() throws Exception {
        EngineConfig config = new EngineConfig(Target.parse(caddy.url("/")), Protocol.HTTP_3, true,
                RequestTemplate.get(), 1, Duration.ofSeconds(5), 1);
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, null);
             Engine engine = new NettyQuicEngineProvider().create(config, tracker)) {
            Http3ClientConnection first = connect(engine);
            assertEquals("h3", first.alpn());
            assertEquals("v1", first.facts().quicVersion());
            assertEquals(Boolean.FALSE, first.facts().resumed(), "a first connection has nothing to resume");
            assertEquals(Boolean.FALSE, first.facts().earlyData());
            assertEquals(Boolean.FALSE, first.facts().retry(), "Caddy sends no Retry by default");
            Thread.sleep(300); // the session ticket comes after the handshake
            Http3ClientConnection second = connect(engine);
            assertEquals(Boolean.TRUE, second.facts().resumed(), "same engine, same target: resumed");
            assertTrue(second.peerStreamLimit() > 0, "stream credit known when ready");
            first.close(StreamState.CANCELLED, "cancelled: test");
            second.close(StreamState.CANCELLED, "cancelled: test");
        }
    }

    /** A Retry is not reported by quiche; the engine sees it on the wire in front of the codec. */
    @Test
    void reportsARetryFromTheServer() throws Exception {
        X509Bundle cert = new CertificateBuilder().subject("CN=localhost").ecp256()
                .addSanIpAddress("127.0.0.1").setIsCertificateAuthority(true).buildSelfSigned();
        Http3ServerConfig.Builder server = Http3ServerConfig.builder().threads(1)
                .certificate(cert.getCertificate(), cert.getKeyPair().getPrivate());
        for (boolean retry : new boolean[] {true, false}) {
            try (Http3EmbeddedServer h3 = new Http3EmbeddedServer(server.retry(retry).build()).start()) {
                EngineConfig config = new EngineConfig(Target.parse("https://127.0.0.1:" + h3.port() + "/"),
                        Protocol.HTTP_3, true, RequestTemplate.get(), 1, Duration.ofSeconds(5), 1);
                try (StreamTracker tracker = new StreamTracker(Duration.ZERO, null);
                     Engine engine = new NettyQuicEngineProvider().create(config, tracker)) {
                    Http3ClientConnection c = connect(engine);
                    assertEquals(retry, c.facts().retry(), "server with retry " + retry);
                    assertEquals("v1", c.facts().quicVersion(), "the version on the wire");
                    c.close(StreamState.CANCELLED, "cancelled: test");
                }
            }
        }
    }

    private static Http3ClientConnection connect(Engine engine) throws Exception {
        CompletableFuture<Connection> ready = new CompletableFuture<>();
        engine.connect(new ConnectOutcome(ready::complete,
                (category, cause) -> ready.completeExceptionally(new AssertionError(category, cause))));
        return (Http3ClientConnection) ready.get(10, TimeUnit.SECONDS);
    }
}
