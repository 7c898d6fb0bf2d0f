package dev.quiver.server.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.route.WwwDirectory;
import dev.quiver.server.testing.NoByteBufLeaks;
import dev.quiver.server.testing.WwwTree;
import dev.quiver.server.tls.SelfSignedCertificate;
import io.netty.handler.codec.http2.Http2Error;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code --www}: the files of a directory over HTTP/1.1 and HTTP/2, byte-exact, and nothing outside it. */
@ExtendWith(NoByteBufLeaks.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EmbeddedServerWwwTest {

    static SelfSignedCertificate cert;

    @TempDir
    Path tmp;
    WwwTree tree;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate();
    }

    @BeforeEach
    void directory() throws Exception {
        tree = WwwTree.create(tmp);
    }

    private EmbeddedServer start() {
        return EmbeddedServer.start(ServerConfig.builder().threads(2).certificate(cert).www(WwwDirectory.of(tree.www)).build());
    }

    @Test
    void filesAreServedByteExactAndEveryFileIsClosed() throws Exception {
        try (EmbeddedServer server = start()) {
            fetchAll(server);
            tree.assertAllFilesClosed();
        }
    }

    private void fetchAll(EmbeddedServer server) throws Exception {
        for (Http1TestConnection c : new Http1TestConnection[] {Http1TestConnection.plain(server.plainPort()),
                Http1TestConnection.tls(server.tlsPort(), cert)}) {
            try (c) {
                c.send("GET", "/data.bin");
                Http1TestConnection.Response r = c.read();
                assertEquals(200, r.status());
                assertEquals("application/octet-stream", r.headers().get("content-type"));
                assertEquals(Integer.toString(tree.data.length), r.headers().get("content-length"));
                assertArrayEquals(tree.data, r.body());
                c.send("GET", "/small.bin?cache=no");
                assertArrayEquals(tree.small, c.read().body());
                c.send("GET", "/bytes/3");
                assertEquals("abc", c.read().text(), "the own routes still answer");
            }
        }
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(cert.clientSslContext()).build()) {
            for (String file : new String[] {"/data.bin", "/small.bin"}) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.httpsUri().resolve(file)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(HttpClient.Version.HTTP_2, r.version());
                assertArrayEquals(file.equals("/data.bin") ? tree.data : tree.small, r.body(), file);
                assertEquals(Long.toString(r.body().length), r.headers().firstValue("content-length").orElseThrow());
            }
        }
    }

    @Test
    void nothingOutsideTheDirectoryIsServed() throws Exception {
        try (EmbeddedServer server = start();
             Http1TestConnection h1 = Http1TestConnection.plain(server.plainPort());
             H2TestClient h2 = H2TestClient.h2c(server.plainPort())) {
            String[][] refused = {{"/../secret", "400"}, {"/%2e%2e/secret", "400"}, {"/sub/..%2f..%2fsecret", "400"},
                    {"/escape", "404"}, {"/sub", "404"}, {"/missing", "404"}};
            for (String[] attempt : refused) {
                h1.send("GET", attempt[0]);
                Http1TestConnection.Response r = h1.read();
                assertEquals(Integer.parseInt(attempt[1]), r.status(), "HTTP/1.1 " + attempt[0]);
                assertFalse(r.text().contains("secret"), r.text());
                H2TestClient.Result r2 = h2.get(attempt[0]).result().get(5, TimeUnit.SECONDS);
                assertEquals(Integer.parseInt(attempt[1]), r2.status(), "HTTP/2 " + attempt[0]);
                assertFalse(r2.body().contains("secret"), r2.body());
            }
        }
    }

    @Test
    void aFileCutShortUnderItsResponseEndsItAsCutOff() throws Exception {
        try (EmbeddedServer server = start()) {
            try (Http1TestConnection h1 = Http1TestConnection.plain(server.plainPort())) {
                h1.send("GET", "/big.bin");
                tree.assertOpenFiles(1); // its length announced, its body waiting for the socket to drain
                tree.truncateBig();
                Http1TestConnection.Response r = h1.read();
                assertEquals(Long.toString(WwwTree.BIG), r.headers().get("content-length"));
                assertFalse(r.complete(), "HTTP/1.1: the connection closes inside the body");
                assertTrue(r.body().length < WwwTree.BIG);
            }
            tree.assertAllFilesClosed();
            tree.fillBig();
            try (H2TestClient h2 = H2TestClient.h2c(server.plainPort())) {
                h2.readPaused(true);
                H2TestClient.Exchange big = h2.get("/big.bin");
                tree.assertOpenFiles(1); // its length announced, its body waiting for the stream window
                tree.truncateBig();
                h2.readPaused(false);
                H2TestClient.Result r = big.result().get(5, TimeUnit.SECONDS);
                assertEquals(Http2Error.INTERNAL_ERROR.code(), r.resetCode(), "HTTP/2: " + r);
                assertTrue(h2.isOpen(), "the connection stays");
            }
            tree.assertAllFilesClosed();
        }
    }

    @Test
    void aClientThatGivesUpMidBodyLeavesNoFileOpen() throws Exception {
        try (EmbeddedServer server = start()) {
            try (Http1TestConnection h1 = Http1TestConnection.plain(server.plainPort())) {
                h1.send("GET", "/big.bin");
                tree.assertOpenFiles(1);
            } // closed unread
            tree.assertAllFilesClosed();
            try (H2TestClient h2 = H2TestClient.h2c(server.plainPort())) {
                h2.readPaused(true);
                H2TestClient.Exchange reset = h2.get("/big.bin");
                h2.get("/big.bin");
                tree.assertOpenFiles(2);
                h2.cancel(reset.streamId());
                tree.assertOpenFiles(1); // the reset stream's file is closed
            } // the connection goes with the other stream
            tree.assertAllFilesClosed();
        }
    }
}
