package dev.quiver.server.h3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.h3.Http3TestClient.Response;
import dev.quiver.server.route.WwwDirectory;
import dev.quiver.server.testing.NoByteBufLeaks;
import dev.quiver.server.testing.WwwTree;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code --www} over HTTP/3: files byte-exact, nothing outside the directory, every file closed. */
@ExtendWith(NoByteBufLeaks.class)
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class Http3WwwTest {

    private static X509Bundle cert;

    @TempDir
    Path tmp;
    WwwTree tree;

    @BeforeAll
    static void certificate() throws Exception {
        cert = new CertificateBuilder().subject("CN=localhost").ecp256().addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1").setIsCertificateAuthority(true).buildSelfSigned();
    }

    @BeforeEach
    void directory() throws Exception {
        tree = WwwTree.create(tmp);
    }

    private Http3EmbeddedServer start() {
        return new Http3EmbeddedServer(Http3ServerConfig.builder().threads(1)
                .certificate(cert.getCertificate(), cert.getKeyPair().getPrivate())
                .www(WwwDirectory.of(tree.www)).build()).start();
    }

    private static Response get(Http3TestClient client, String path, ByteArrayOutputStream body) throws Exception {
        return client.get(path, body, false).get(10, TimeUnit.SECONDS);
    }

    @Test
    void filesByteExactAndNothingOutside() throws Exception {
        try (Http3EmbeddedServer server = start()) {
            fetchAll(server);
            tree.assertAllFilesClosed();
        }
    }

    private void fetchAll(Http3EmbeddedServer server) throws Exception {
        try (Http3TestClient client = Http3TestClient.connect(server.port(), Duration.ofSeconds(5))) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            assertEquals(new Response(200, tree.data.length, true, -1, null), get(client, "/data.bin", data));
            assertArrayEquals(tree.data, data.toByteArray());
            ByteArrayOutputStream small = new ByteArrayOutputStream();
            assertEquals(new Response(200, tree.small.length, true, -1, null), get(client, "/small.bin", small));
            assertArrayEquals(tree.small, small.toByteArray());
            for (String refused : new String[] {"/../secret", "/%2e%2e/secret", "/sub/..%2fsecret"}) {
                assertEquals(400, get(client, refused, null).status(), refused);
            }
            for (String missing : new String[] {"/escape", "/sub", "/missing"}) {
                assertEquals(404, get(client, missing, null).status(), missing);
            }
        }
    }

    @Test
    void aFileCutShortUnderItsResponseResetsTheStream() throws Exception {
        try (Http3EmbeddedServer server = start()) {
            try (Http3TestClient client = Http3TestClient.connect(server.port(), Duration.ofSeconds(5))) {
                var big = client.get("/big.bin", null, true);
                tree.assertOpenFiles(1); // its length announced, its body waiting for the stream credit
                tree.truncateBig();
                client.resumeReading();
                Response r = big.get(10, TimeUnit.SECONDS);
                assertEquals(Http3ErrorCode.H3_INTERNAL_ERROR.code(), r.resetCode(), r.toString());
                assertTrue(r.bytes() < WwwTree.BIG, r.toString());
                assertEquals(200, get(client, "/small.bin", null).status(), "the connection stays");
            }
            tree.assertAllFilesClosed();
        }
    }

    @Test
    void aClientThatGoesAwayMidBodyLeavesNoFileOpen() throws Exception {
        try (Http3EmbeddedServer server = start()) {
            try (Http3TestClient client = Http3TestClient.connect(server.port(), Duration.ofSeconds(5))) {
                client.get("/big.bin", null, true);
                client.get("/big.bin", null, true);
                tree.assertOpenFiles(2);
            }
            tree.assertAllFilesClosed();
        }
    }
}
