package dev.quiver.quic.kwik;

import dev.quiver.core.report.StopReason;
import dev.quiver.quic.testing.CaddyH3Server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kwik engine through the real scheduler, against Caddy's HTTP/3 (quic-go) on loopback. */
@Timeout(60)
class KwikEngineTest {

    private static CaddyH3Server caddy;

    @BeforeAll
    static void startCaddy() throws Exception {
        caddy = CaddyH3Server.start(true);
    }

    @AfterAll
    static void stopCaddy() {
        if (caddy != null) {
            caddy.close();
        }
    }

    private static RunResult run(String url, int connections, int streams, long requests, Duration timeout)
            throws TargetUnreachableException {
        Workload w = new Workload(connections, streams, requests, Duration.ofSeconds(30), 0, timeout);
        RunSpec spec = new RunSpec(Target.parse(url), Protocol.HTTP_3, true, RequestTemplate.get(), w,
                Duration.ofSeconds(5), 1, Duration.ofMillis(200));
        return new Scheduler(spec, new KwikEngineProvider(), null).run();
    }

    @Test
    void providerIsNamedKwikAndNotTheDefault() {
        KwikEngineProvider p = new KwikEngineProvider();
        assertEquals("kwik", p.name());
        assertEquals(java.util.Set.of(Protocol.HTTP_3), p.protocols());
        assertFalse(p.isDefaultFor(Protocol.HTTP_3));
    }

    /**
     * With assertions on (as in this test JVM, or java -ea), one of Kwik's asserts fails on loopback
     * RTTs of 0 ms and kills a connection's receiver thread: its requests then all time out. The
     * engine turns Kwik's assertions off.
     */
    @Test
    void kwikAssertionsAreOffEvenWhenTheJvmEnablesThem() throws Exception {
        assertTrue(KwikEngineTest.class.desiredAssertionStatus(), "this test JVM runs with assertions on");
        new KwikEngineProvider();
        assertFalse(Class.forName("tech.kwik.core.recovery.LossDetector", false, getClass().getClassLoader())
                .desiredAssertionStatus(), "Kwik's LossDetector would assert");
    }

    @Test
    void thousandRequestsOnTwoConnectionsAllCompleteAndNothingIsPrinted() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        RunResult r;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r = run(caddy.url("/"), 2, 10, 1_000, Duration.ofSeconds(10));
        } finally {
            System.setOut(out);
        }
        String where = r.errors() + " " + r.streams();
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing on stdout (Kwik logs, security warning)");
        assertEquals(Protocol.HTTP_3, r.protocol());
        assertEquals("h3", r.alpn());
        assertEquals(StopReason.COUNT, r.stopReason(), where);
        assertEquals(1_000, r.requests().total(), where);
        // Kwik 0.10.8 has a handshake race: when the server's first Initial is processed before the
        // client finished sending its ClientHello (seen on a busy 2-core machine), the handshake
        // keys are never installed and the handshake stalls until the connect timeout. The
        // scheduler then opens another connection and counts one request as failed. That is the
        // only failure allowed here, and it must be reported as such. No request may time out.
        long handshakeStalls = r.errors().getOrDefault("quic: handshake timed out", 0L);
        assertTrue(handshakeStalls <= 1, where);
        assertEquals(handshakeStalls, r.requests().failed(), "no other failure: " + where);
        assertEquals(handshakeStalls, r.connections().connectFailures(), where);
        assertEquals(1_000 - r.requests().failed(), r.requests().ok(), where);
        assertEquals(Long.valueOf(r.requests().ok()), r.status().get("200"), "status counts: " + r.status());
        assertEquals(2 * r.requests().ok(), r.bytes().received(), "body 'ok' counted per response");
        assertEquals(0, r.streams().live(), where);
        assertEquals(0, r.streams().doubleTerminal(), where);
        assertEquals(0, r.streams().forcedByWatchdog(), where);
        assertEquals(r.streams().opened(), r.requests().ok() + r.requests().failed() + r.requests().retried(), where);
        assertTrue(r.streams().balanced(), where);
        // -c 2 opens two QUIC connections, but each starts its load when its own handshake is done
        // (as in h2load): on a busy machine the first one can finish all 1,000 requests while the
        // second (or the replacement of a connection lost to the race above) is still handshaking.
        assertTrue(r.connections().opened() >= 1 && r.connections().opened() <= 2 + handshakeStalls,
                "-c 2 gives at most two QUIC connections: " + r.connections().opened() + " opened, " + where);
        assertEquals(r.connections().opened(), r.histograms().quicHandshake().getTotalCount(), "QUIC handshake timed per connection");
        assertTrue(r.connections().peerStreamLimitMin() >= 10, "Caddy's MAX_STREAMS seen: " + r.connections().peerStreamLimitMin());
    }

    /**
     * Caddy stopped mid-run sends no CONNECTION_CLOSE that Kwik acts on, so the streams then in
     * flight hang: the watchdog's expiry must abort them (TIMED_OUT, never forced by the watchdog),
     * and the ones still open at the end are cancelled. Nothing may stay live.
     */
    @Test
    void serverVanishingMidRunLeavesNoStreamBehind() throws Exception {
        RunResult r;
        try {
            r = runAgainstAVanishingServer();
        } catch (TargetUnreachableException e) {
            // Kwik 0.10.8's handshake race (see HandshakeTap) can cost the first connection on a busy
            // machine; that is not what this test is about, so it gets one more server and run.
            assertTrue(e.getMessage().startsWith("quic: handshake"), e.getMessage());
            r = runAgainstAVanishingServer();
        }
        String where = r.errors() + " " + r.streams();
        assertTrue(r.requests().ok() > 0, where);
        assertEquals(0, r.streams().live(), where);
        assertEquals(0, r.streams().doubleTerminal(), where);
        assertEquals(0, r.streams().forcedByWatchdog(), "every expiry acted on by the engine: " + where);
        assertEquals(r.streams().opened(), r.streams().terminalSum(), where);
        for (String category : r.errors().keySet()) {
            assertTrue(category.startsWith("connection_lost: ") || category.startsWith("quic: ")
                    || category.startsWith("connect: ") || category.startsWith("timed_out"), "category: " + category);
            assertTrue(category.length() < 80, "bounded: " + category);
        }
    }

    private static RunResult runAgainstAVanishingServer() throws Exception {
        RunResult r;
        try (CaddyH3Server doomed = CaddyH3Server.start(true)) {
            Workload w = new Workload(2, 10, 1_000_000, Duration.ofSeconds(5), 0, Duration.ofSeconds(1));
            RunSpec spec = new RunSpec(Target.parse(doomed.url("/")), Protocol.HTTP_3, true, RequestTemplate.get(), w,
                    Duration.ofSeconds(5), 1, Duration.ofMillis(200));
            Scheduler s = new Scheduler(spec, new KwikEngineProvider(), null);
            Thread killer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(2_500); // well into the load, past one request timeout
                } catch (InterruptedException e) {
                    return;
                }
                doomed.close();
            });
            try {
                r = s.run();
            } finally {
                killer.interrupt();
                killer.join();
            }
        }
        return r;
    }

    @Test
    void untrustedCertificateFailsAsTls() throws Exception {
        Workload w = new Workload(1, 1, 10, null, 0, Duration.ofSeconds(5));
        RunSpec spec = new RunSpec(Target.parse(caddy.url("/")), Protocol.HTTP_3, false, RequestTemplate.get(), w,
                Duration.ofSeconds(5), 1, Duration.ofSeconds(1));
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class,
                () -> new Scheduler(spec, new KwikEngineProvider(), null).run());
        if (e.getMessage().startsWith("quic: handshake")) {
            // Kwik 0.10.8's handshake race (see HandshakeTap) can lose the handshake before the server's
            // certificate is judged, on a busy machine; one more run judges it.
            e = assertThrows(TargetUnreachableException.class, () -> new Scheduler(spec, new KwikEngineProvider(), null).run());
        }
        assertTrue(e.getMessage().startsWith("tls: "), e.getMessage());
        assertTrue(e.getMessage().length() < 80, e.getMessage());
    }

    @Test
    void unreachableUdpPortFailsWithinTheConnectTimeout() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Workload w = new Workload(1, 1, 10, null, 0, Duration.ofSeconds(5));
        RunSpec spec = new RunSpec(Target.parse("https://127.0.0.1:" + port + "/"), Protocol.HTTP_3, true,
                RequestTemplate.get(), w, Duration.ofSeconds(1), 1, Duration.ofSeconds(1));
        long start = System.nanoTime();
        TargetUnreachableException e = assertThrows(TargetUnreachableException.class,
                () -> new Scheduler(spec, new KwikEngineProvider(), null).run());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("quic: handshake timed out", e.getMessage());
        assertTrue(millis < 1_800, "failed after " + millis + " ms, connect timeout 1000 ms");
    }
}
