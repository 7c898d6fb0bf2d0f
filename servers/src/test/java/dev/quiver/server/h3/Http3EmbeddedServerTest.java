package dev.quiver.server.h3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.fault.Fault;
import dev.quiver.server.h3.Http3TestClient.Response;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded HTTP/3 server as an HTTP/3 client sees it: routes, faults, credit, lifecycle. */
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class Http3EmbeddedServerTest {

    private static final Duration CLIENT_IDLE = Duration.ofSeconds(5);
    private static X509Bundle cert;

    @BeforeAll
    static void certificate() throws Exception {
        cert = new CertificateBuilder()
                .subject("CN=localhost")
                .ecp256()
                .addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
    }

    private static Http3ServerConfig.Builder config() {
        return Http3ServerConfig.builder().threads(1)
                .certificate(cert.getCertificate(), cert.getKeyPair().getPrivate());
    }

    private static Response await(CompletableFuture<Response> response) throws Exception {
        return response.get(5, TimeUnit.SECONDS);
    }

    @Test
    void routesAndByteCounts() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().threads(2).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            Response hello = await(client.get("/"));
            assertEquals(new Response(200, "Hello, quiver\n".length(), true, -1, null), hello);
            assertEquals(new Response(200, 0, true, -1, null), await(client.get("/bytes/0")));
            assertEquals(new Response(200, 1000, true, -1, null), await(client.get("/bytes/1000?x=1")));
            assertEquals(new Response(200, 14, true, -1, null), await(client.get("/delay/50")));
            assertEquals(404, await(client.get("/nope")).status());
            assertEquals(400, await(client.get("/bytes/12x")).status());
            assertEquals(400, await(client.get("/delay/")).status());
            long t0 = System.nanoTime();
            // Generous: on a busy 2-CPU machine with PARANOID leak detection this has taken 5 s.
            assertEquals(new Response(200, 5_000_000, true, -1, null),
                    client.get("/bytes/5000000").get(15, TimeUnit.SECONDS));
            System.out.println("/bytes/5000000 took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");

            assertEquals(8, server.stats().requestsReceived());
            assertEquals(8, server.stats().responsesCompleted());
            assertEquals(1, server.stats().connectionsAccepted());
            assertEquals(1, server.stats().connectionsOpen());
        }
    }

    @Test
    void advertisesConfiguredStreamCreditAndReturnsIt() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().maxStreams(3).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            assertEquals(3, client.initialMaxStreamsBidi());
            // More sequential requests than the initial credit: quiche must hand it back as streams end.
            for (int i = 0; i < 8; i++) {
                assertTrue(getWhenCreditAllows(client, "/").completed(), "request " + i);
            }
        }
    }

    @Test
    void goawayAfterTheNthRequestThenCloseWhenDrained() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().goawayEvery(2).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            CompletableFuture<Response> slow = client.get("/delay/300");  // stream 0, still open at GOAWAY
            waitFor(() -> server.stats().requestsReceived() == 1, "first request arrived");
            assertTrue(await(client.get("/")).completed());                 // stream 4: the 2nd request
            assertEquals(8L, client.goAway.get(2, TimeUnit.SECONDS));       // above both streams
            assertTrue(await(slow).completed(), "request below the GOAWAY id still answered");
            QuicConnectionCloseEvent close = client.closeEvent.get(3, TimeUnit.SECONDS);
            assertTrue(close.isApplicationClose());
            assertEquals(Http3ErrorCode.H3_NO_ERROR.code(), close.error());
            assertEquals(1, server.stats().faultsInjected(Fault.GOAWAY));
        }
    }

    /** The request limit ends a connection as GOAWAY does, without being a fault: quiche's per-connection state stays bounded. */
    @Test
    void aConnectionAtItsRequestLimitGetsGoawayAndClosesWhenDrained() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().requestsPerConnection(3).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            assertTrue(await(client.get("/")).completed());                 // stream 0
            assertTrue(await(client.get("/")).completed());                 // stream 4
            assertFalse(client.goAway.isDone(), "no GOAWAY below the limit");
            assertTrue(await(client.get("/")).completed());                 // stream 8: the 3rd, still answered
            assertEquals(12L, client.goAway.get(2, TimeUnit.SECONDS));      // the next stream is the first refused
            assertEquals(Http3ErrorCode.H3_NO_ERROR.code(), client.closeEvent.get(3, TimeUnit.SECONDS).error());
            assertEquals(0, server.stats().faultsInjected(Fault.GOAWAY), "a limit, not a fault");
            waitFor(() -> server.stats().connectionsOpen() == 0, "connection closed on the server");
        }
        assertEquals(Http3ServerConfig.DEFAULT_REQUESTS_PER_CONNECTION, config().build().requestsPerConnection());
        assertThrows(IllegalArgumentException.class, () -> config().requestsPerConnection(-1).build());
    }

    @Test
    void requestsAtOrAboveTheGoawayIdAreRejected() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().goawayEvery(1).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            assertTrue(await(client.get("/")).completed());                 // stream 0
            assertEquals(4L, client.goAway.get(2, TimeUnit.SECONDS));
            long code = client.rawGetAfterGoAway("/").get(2, TimeUnit.SECONDS);  // stream 4
            assertEquals(Http3ErrorCode.H3_REQUEST_REJECTED.code(), code);
            assertEquals(1, server.stats().requestsReceived());
            assertEquals(1, server.stats().requestsRejected());
            assertEquals(Http3ErrorCode.H3_NO_ERROR.code(), client.closeEvent.get(3, TimeUnit.SECONDS).error());
            waitFor(() -> server.stats().connectionsOpen() == 0, "connection closed on the server");
        }
    }

    @Test
    void closeFaultSendsConnectionClose() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().closeEvery(2).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            assertTrue(await(client.get("/")).completed());
            Response cut = await(client.get("/"));
            assertFalse(cut.completed());
            QuicConnectionCloseEvent close = client.closeEvent.get(2, TimeUnit.SECONDS);
            assertTrue(close.isApplicationClose());
            assertEquals(Http3ErrorCode.H3_INTERNAL_ERROR.code(), close.error());
            assertFalse(client.closedTimedOut.get(2, TimeUnit.SECONDS));
            assertEquals(1, server.stats().faultsInjected(Fault.CLOSE));
        }
    }

    @Test
    void resetFaultCutsTheResponseWithH3InternalError() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().resetEvery(2).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            assertTrue(await(client.get("/")).completed());
            Response reset = await(client.get("/"));
            assertFalse(reset.completed());
            assertEquals(Http3ErrorCode.H3_INTERNAL_ERROR.code(), reset.resetCode());
            assertEquals(200, reset.status(), "headers arrive before the reset");
            assertEquals(7, reset.bytes(), "half of the announced 14 bytes arrive before the reset");
            assertTrue(await(client.get("/")).completed(), "the connection stays usable");
            assertEquals(1, server.stats().faultsInjected(Fault.RESET));
        }
    }

    @Test
    void stallFaultNeverAnswers() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().stallEvery(2).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            assertTrue(await(client.get("/")).completed());
            CompletableFuture<Response> stalled = client.get("/");
            assertThrows(TimeoutException.class, () -> stalled.get(1, TimeUnit.SECONDS));
            assertTrue(await(client.get("/")).completed(), "other streams are still served");
            assertEquals(1, server.stats().faultsInjected(Fault.STALL));
        }
    }

    @Test
    void cancellingAStalledRequestReturnsItsStreamCredit() throws Exception {
        // The client's idle timeout is longer than the wait below, so that only the server's stall probe
        // (not the end of the connection) can release the stream in time.
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().stallEvery(2).maxStreams(1).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), Duration.ofSeconds(30))) {
            assertTrue(getWhenCreditAllows(client, "/").completed());
            CompletableFuture<Response> stalled = getWhenCreditAllowsAsync(client, "/");
            waitFor(() -> server.stats().requestsReceived() == 2, "stalled request arrived");
            assertEquals(1, server.stats().requestsOpen());
            client.lastStream.shutdown(Http3ErrorCode.H3_REQUEST_CANCELLED.code());
            // The only stream credit is held by the stalled stream until the client cancels it.
            Response next = getWhenCreditAllows(client, "/");
            assertTrue(next.completed(), "credit returned after the cancel: " + next);
            assertFalse(stalled.isDone() && stalled.get().completed());
            // quiche forgets the cancelled stream at once; the server's own stream state goes at the next probe.
            waitFor(() -> server.stats().requestsOpen() == 0, "stalled stream released on the server");
        }
    }

    /** GET once the client has stream credit (Netty would fail the stream at once without). */
    private static Response getWhenCreditAllows(Http3TestClient client, String path) throws Exception {
        return getWhenCreditAllowsAsync(client, path).get(5, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Response> getWhenCreditAllowsAsync(Http3TestClient client, String path)
            throws Exception {
        assertTrue(client.awaitStreamCredit(3000), "stream credit for " + path);
        return client.get(path);
    }

    @Test
    void silentCloseLeavesTheClientToItsIdleTimeout() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().silentCloseEvery(2).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), Duration.ofMillis(1500))) {
            assertTrue(await(client.get("/")).completed());
            CompletableFuture<Response> dropped = client.get("/");
            waitFor(() -> server.stats().connectionsOpen() == 0, "server dropped the connection");
            assertTrue(client.closedTimedOut.get(5, TimeUnit.SECONDS), "client ended by idle timeout");
            assertFalse(client.closeEvent.isDone(), "no CONNECTION_CLOSE reached the client");
            assertFalse(await(dropped).completed());
            assertEquals(1, server.stats().faultsInjected(Fault.SILENT_CLOSE));
        }
    }

    @Test
    void retryStillCompletesRequests() throws Exception {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().retry(true).build()).start();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            assertEquals(new Response(200, 14, true, -1, null), await(client.get("/")));
        }
    }

    @Test
    void closeIsFastWithWorkInFlightAndFreesThePort() throws Exception {
        Http3EmbeddedServer server = new Http3EmbeddedServer(config().threads(2).build()).start();
        int port = server.port();
        try (Http3TestClient client = Http3TestClient.connect(port, Duration.ofMillis(1500))) {
            CompletableFuture<Response> delayed = client.get("/delay/10000");
            CompletableFuture<Response> huge = client.get("/bytes/1000000000");
            waitFor(() -> server.stats().requestsReceived() == 2, "requests arrived");
            long t0 = System.nanoTime();
            server.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("close() with work in flight took " + millis + " ms");
            assertTrue(millis < 1000, "close() took " + millis + " ms");
            assertFalse(await(delayed).completed());
            assertFalse(await(huge).completed());
            // The server sends CONNECTION_CLOSE, but behind a flood of body packets the client's
            // socket buffer may drop it; then the client's idle timeout ends the connection.
            client.closedTimedOut.get(5, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
        assertEquals(-1, server.port());
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port))) {
            assertTrue(again.isBound());
        }
        server.close(); // idempotent
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void describeAndConfig() {
        try (Http3EmbeddedServer server = new Http3EmbeddedServer(config().goawayEvery(100).silentCloseEvery(7)
                .build()).start()) {
            assertEquals("https://127.0.0.1:" + server.port() + " (h3, UDP)  faults: goaway-every=100 silent-close-every=7",
                    server.describe());
        }
        assertThrows(IllegalArgumentException.class, () -> config().maxStreams(0).build());
        assertThrows(NullPointerException.class, () -> Http3ServerConfig.builder().build());
        assertFalse(config().build().faults().enabled());
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
