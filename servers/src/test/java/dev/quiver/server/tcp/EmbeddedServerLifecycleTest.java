package dev.quiver.server.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.config.ListenException;
import dev.quiver.server.fault.FaultSwitches;
import dev.quiver.server.testing.NoByteBufLeaks;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Start, describe, count, stop; the certificate. */
@ExtendWith(NoByteBufLeaks.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EmbeddedServerLifecycleTest {

    static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate();
    }

    @Test
    void closeIsFastEvenWithWorkInFlightAndFreesThePorts() throws Exception {
        EmbeddedServer server = EmbeddedServer.start(ServerConfig.builder().threads(2).certificate(cert).build());
        int tlsPort = server.tlsPort();
        int plainPort = server.plainPort();
        try (H2TestClient h2 = H2TestClient.h2c(plainPort);
             H2TestClient h2tls = H2TestClient.tls(tlsPort, cert);
             Http1TestConnection h1 = Http1TestConnection.plain(plainPort)) {
            H2TestClient.Exchange delayed = h2.get("/delay/10000");
            H2TestClient.Exchange huge = h2tls.get("/bytes/1000000000");
            h1.send("GET", "/delay/10000");
            EmbeddedServerFaultsTest.waitFor(() -> server.stats().requestsReceived() == 3, "requests arrived");

            long t0 = System.nanoTime();
            server.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("close() with work in flight took " + millis + " ms");
            assertTrue(millis < 1000, "close() took " + millis + " ms");

            assertFalse(delayed.result().get(2, TimeUnit.SECONDS).completed());
            assertFalse(huge.result().get(2, TimeUnit.SECONDS).completed());
            assertTrue(h1.closedByPeer(2000));
        } finally {
            server.close();
        }
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket a = new ServerSocket(tlsPort, 1, loopback);
             ServerSocket b = new ServerSocket(plainPort, 1, loopback)) {
            assertTrue(a.isBound() && b.isBound());
        }
        server.close(); // idempotent
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void describeAndStats() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(ServerConfig.builder().threads(1).certificate(cert)
                .goawayEvery(100).stallEvery(7).build())) {
            String d = server.describe();
            assertEquals("quiver serve: https://127.0.0.1:" + server.tlsPort() + " (h2, http/1.1)  http://127.0.0.1:"
                    + server.plainPort() + " (http/1.1, h2c)  faults: goaway-every=100 stall-every=7", d);
            assertEquals(d, server.toString());
            assertEquals("https://127.0.0.1:" + server.tlsPort() + "/", server.httpsUri().toString());
            assertEquals(cert, server.certificate().orElseThrow());

            try (H2TestClient a = H2TestClient.h2c(server.plainPort());
                 Http1TestConnection b = Http1TestConnection.tls(server.tlsPort(), cert)) {
                assertTrue(a.get("/").result().get(5, TimeUnit.SECONDS).completed());
                b.send("GET", "/");
                assertTrue(b.read().complete());
                assertEquals(2, server.stats().connectionsAccepted());
                assertEquals(2, server.stats().connectionsOpen());
                assertEquals(2, server.stats().requestsReceived());
                assertEquals(2, server.stats().responsesCompleted());
            }
            EmbeddedServerFaultsTest.waitFor(() -> server.stats().connectionsOpen() == 0, "connections closed");
            assertEquals(2, server.stats().connectionsAccepted());
        }
    }

    @Test
    void singleListenerAndGeneratedCertificate() throws Exception {
        try (EmbeddedServer plainOnly = EmbeddedServer.start(ServerConfig.builder().threads(1).tlsPort(-1).build())) {
            assertEquals(-1, plainOnly.tlsPort());
            assertTrue(plainOnly.certificate().isEmpty());
            assertEquals("quiver serve: http://127.0.0.1:" + plainOnly.plainPort() + " (http/1.1, h2c)",
                    plainOnly.describe());
            assertThrows(IllegalStateException.class, plainOnly::httpsUri);
        }
        try (EmbeddedServer tlsOnly = EmbeddedServer.start(ServerConfig.builder().threads(1).plainPort(-1).build());
             Http1TestConnection c = Http1TestConnection.tls(tlsOnly.tlsPort(), tlsOnly.certificate().orElseThrow())) {
            assertEquals(-1, tlsOnly.plainPort());
            c.send("GET", "/");
            assertEquals("Hello, quiver\n", c.read().text());
        }
    }

    @Test
    void listensOnIpv6Loopback() throws Exception {
        EmbeddedServer server;
        try {
            server = EmbeddedServer.start(ServerConfig.builder().host("::1").threads(1).certificate(cert).build());
        } catch (UncheckedIOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (server; HttpClient client = HttpClient.newBuilder().sslContext(cert.clientSslContext()).build()) {
            assertTrue(server.describe().startsWith("quiver serve: https://[::1]:"), server.describe());
            for (URI uri : new URI[] {server.httpUri(), server.httpsUri()}) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("Hello, quiver\n", r.body(), uri.toString());
            }
        }
    }

    @Test
    void portInUseFailsStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServerConfig config = ServerConfig.builder().threads(1).tlsPort(-1).plainPort(taken.getLocalPort()).build();
            ListenException e = assertThrows(ListenException.class, () -> EmbeddedServer.start(config));
            assertEquals(ListenException.Reason.IN_USE, e.reason());
            assertEquals("port " + taken.getLocalPort() + " (TCP) is already in use", e.getMessage());
        }
    }

    @Test
    void configValidation() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().tlsPort(-1).plainPort(-1).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().plainPort(70000).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().goawayEvery(-1).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().threads(0).build());
        assertThrows(IllegalArgumentException.class, // silent close is HTTP/3's alone
                () -> ServerConfig.builder().faults(new FaultSwitches(0, 0, 0, 0, 1)).build());
        ServerConfig d = ServerConfig.defaults();
        assertEquals("127.0.0.1", d.host());
        assertEquals(1000, d.maxConcurrentStreams());
        assertFalse(d.faultsEnabled());
        assertEquals(d, d.toBuilder().build());
    }

    @Test
    void certificateCoversLoopbackNamesAndRoundTripsAsPem() throws Exception {
        X509Certificate c = cert.certificate();
        String sans = c.getSubjectAlternativeNames().toString();
        assertTrue(sans.contains("localhost") && sans.contains("127.0.0.1"), sans);
        assertTrue(sans.contains("0:0:0:0:0:0:0:1") || sans.contains("::1"), sans);
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(cert.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(c, parsed);
        assertTrue(cert.privateKeyPem().contains("PRIVATE KEY"));
        c.checkValidity();
    }
}
