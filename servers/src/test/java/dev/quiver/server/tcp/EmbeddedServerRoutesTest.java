package dev.quiver.server.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.testing.NoByteBufLeaks;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Routes, byte counts and protocol selection on every listener/protocol combination. */
@ExtendWith(NoByteBufLeaks.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EmbeddedServerRoutesTest {

    static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate();
    }

    static EmbeddedServer start() {
        return EmbeddedServer.start(ServerConfig.builder().threads(2).certificate(cert).build());
    }

    @Test
    void http1PlainRoutes() throws Exception {
        try (EmbeddedServer server = start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            checkRoutes(client, server.httpUri(), HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void http1TlsRoutes() throws Exception {
        try (EmbeddedServer server = start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .sslContext(cert.clientSslContext()).build()) {
            checkRoutes(client, server.httpsUri(), HttpClient.Version.HTTP_1_1);
        }
    }

    /**
     * A body streamed over several writability events ends with reading resumed: once, the socket
     * drained within the flush that paused reading, the body finished and resumed reading inside
     * it, and the pause then took effect after all, so the next request was never read.
     */
    @Test
    void http1KeepAliveAfterALargeBody() throws Exception {
        try (EmbeddedServer server = start(); Http1TestConnection c = Http1TestConnection.plain(server.plainPort())) {
            for (int i = 0; i < 3; i++) {
                c.send("GET", "/bytes/3000000");
                assertEquals(3_000_000, c.read().body().length);
                c.send("GET", "/bytes/3");
                assertEquals("abc", c.read().text());
            }
        }
    }

    @Test
    void http2TlsRoutes() throws Exception {
        try (EmbeddedServer server = start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                     .sslContext(cert.clientSslContext()).build()) {
            checkRoutes(client, server.httpsUri(), HttpClient.Version.HTTP_2);
            HttpResponse<byte[]> big = client.send(HttpRequest.newBuilder(server.httpsUri().resolve("/bytes/5000000"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(HttpClient.Version.HTTP_2, big.version());
            assertEquals(5_000_000, big.body().length);
            assertEquals("5000000", big.headers().firstValue("content-length").orElseThrow());
        }
    }

    private static void checkRoutes(HttpClient client, URI base, HttpClient.Version version) throws Exception {
        HttpResponse<String> hello = get(client, base.resolve("/"));
        assertEquals(200, hello.statusCode());
        assertEquals(version, hello.version());
        assertEquals("Hello, quiver\n", hello.body());
        assertTrue(hello.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));

        assertEquals("Hello, quiver\n", get(client, base.resolve("/?a=1&b=2")).body());
        assertEquals(404, get(client, base.resolve("/nope")).statusCode());
        assertEquals(400, get(client, base.resolve("/bytes/abc")).statusCode());
        assertEquals(400, get(client, base.resolve("/bytes/")).statusCode());
        assertEquals(400, get(client, base.resolve("/delay/-1")).statusCode());

        for (int n : new int[] {0, 1, 1000, 65_536, 200_001}) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(base.resolve("/bytes/" + n)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(n, r.body().length, "/bytes/" + n);
        }

        long t0 = System.nanoTime();
        HttpResponse<String> delayed = get(client, base.resolve("/delay/100"));
        assertEquals("Hello, quiver\n", delayed.body());
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(100), "delay honoured");

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(base.resolve("/bytes/1000000"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("1000000", head.headers().firstValue("content-length").orElseThrow());
        assertEquals("", head.body());
        assertEquals("Hello, quiver\n", get(client, base.resolve("/")).body(), "connection usable after HEAD");

        HttpResponse<String> post = client.send(HttpRequest.newBuilder(base.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[300_000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, post.statusCode());
        assertEquals("Hello, quiver\n", post.body());
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void h2cPriorKnowledgeRoutes() throws Exception {
        try (EmbeddedServer server = start(); H2TestClient client = H2TestClient.h2c(server.plainPort())) {
            assertEquals(1000L, client.remoteSettings.get(5, TimeUnit.SECONDS).maxConcurrentStreams());
            assertEquals(Http2ServerHandler.STREAM_WINDOW, client.remoteSettings.get().initialWindowSize());

            H2TestClient.Result hello = client.get("/").result().get(5, TimeUnit.SECONDS);
            assertTrue(hello.completed());
            assertEquals(200, hello.status());
            assertEquals("Hello, quiver\n", hello.body());

            assertEquals(404, client.get("/missing?x").result().get(5, TimeUnit.SECONDS).status());
            assertEquals(400, client.get("/delay/x").result().get(5, TimeUnit.SECONDS).status());
            assertEquals(100_000, client.get("/bytes/100000").result().get(5, TimeUnit.SECONDS).bodyBytes());
            assertEquals(200, client.get("/delay/50").result().get(5, TimeUnit.SECONDS).status());

            H2TestClient.Result head = client.send("HEAD", "/bytes/1000", null).result().get(5, TimeUnit.SECONDS);
            assertTrue(head.completed());
            assertEquals(200, head.status());
            assertEquals(0, head.bodyBytes());

            H2TestClient.Result post = client.send("POST", "/bytes/10", new byte[100_000])
                    .result().get(5, TimeUnit.SECONDS);
            assertTrue(post.completed());
            assertEquals(10, post.bodyBytes());
        }
    }

    @Test
    void largeBodiesOverHttp2RespectFlowControl() throws Exception {
        try (EmbeddedServer server = start();
             H2TestClient tls = H2TestClient.tls(server.tlsPort(), cert);
             H2TestClient h2c = H2TestClient.h2c(server.plainPort())) {
            for (H2TestClient client : List.of(tls, h2c)) {
                // Several at once: they share the 64 KiB connection window the client grants.
                List<H2TestClient.Exchange> exchanges = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    exchanges.add(client.get("/bytes/5000000"));
                }
                for (H2TestClient.Exchange e : exchanges) {
                    H2TestClient.Result r = e.result().get(10, TimeUnit.SECONDS);
                    assertTrue(r.completed(), r.toString());
                    assertEquals(5_000_000, r.bodyBytes());
                }
                // Uploads: bodies are discarded and their flow-control credit returned.
                List<H2TestClient.Exchange> uploads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    uploads.add(client.send("POST", "/", new byte[2_000_000]));
                }
                for (H2TestClient.Exchange e : uploads) {
                    assertEquals("Hello, quiver\n", e.result().get(10, TimeUnit.SECONDS).body());
                }
            }
        }
    }

    @Test
    void manyConcurrentStreamsOnOneConnection() throws Exception {
        try (EmbeddedServer server = start(); H2TestClient client = H2TestClient.h2c(server.plainPort())) {
            client.remoteSettings.get(5, TimeUnit.SECONDS);
            List<H2TestClient.Exchange> exchanges = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                exchanges.add(client.get(i % 10 == 0 ? "/delay/20" : "/"));
            }
            for (H2TestClient.Exchange e : exchanges) {
                assertTrue(e.result().get(5, TimeUnit.SECONDS).completed());
            }
            assertEquals(500, server.stats().requestsReceived());
            assertEquals(500, server.stats().responsesCompleted());
            assertEquals(1, server.stats().connectionsAccepted());
            assertEquals(1, server.stats().connectionsOpen());
        }
    }

    @Test
    void pipelinedHttp1RequestsAreAnsweredInOrder() throws Exception {
        try (EmbeddedServer server = start(); Http1TestConnection c = Http1TestConnection.plain(server.plainPort())) {
            // A slow response first: the ones behind it must wait, not overtake it.
            c.send("GET", "/delay/100");
            c.send("GET", "/bytes/300000");
            c.send("GET", "/");
            assertEquals("Hello, quiver\n", c.read().text());
            assertEquals(300_000, c.read().body().length);
            Http1TestConnection.Response last = c.read();
            assertEquals("Hello, quiver\n", last.text());
            assertTrue(last.complete());
        }
    }

    @Test
    void alpnFallsBackToHttp1() throws Exception {
        try (EmbeddedServer server = start(); Http1TestConnection c = Http1TestConnection.tls(server.tlsPort(), cert)) {
            c.send("GET", "/bytes/3");
            Http1TestConnection.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals(3, r.body().length);
        }
    }
}
