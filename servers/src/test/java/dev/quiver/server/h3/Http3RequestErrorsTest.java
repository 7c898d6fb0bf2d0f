package dev.quiver.server.h3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests the server must refuse, sent as raw request-stream bytes: a malformed request resets
 * its stream only (H3_MESSAGE_ERROR), a field section that uses the dynamic table the server's
 * SETTINGS did not allow closes the connection with QPACK_DECOMPRESSION_FAILED, a frame out of
 * place with H3_FRAME_UNEXPECTED. None is counted as a request.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Http3RequestErrorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Duration CLIENT_IDLE = Duration.ofSeconds(5);
    private static X509Bundle cert;

    @BeforeAll
    static void certificate() throws Exception {
        cert = new CertificateBuilder().subject("CN=localhost").ecp256().addSanDnsName("localhost")
                .setIsCertificateAuthority(true).buildSelfSigned();
    }

    private static Http3EmbeddedServer server() {
        return new Http3EmbeddedServer(Http3ServerConfig.builder().threads(1).port(0)
                .certificate(cert.getCertificate(), cert.getKeyPair().getPrivate()).build()).start();
    }

    @Test
    void aRequestWithoutPathResetsItsStreamOnly() throws Exception {
        try (Http3EmbeddedServer server = server();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            // HEADERS: :method GET, :scheme https; no :path
            long code = client.raw(HEX.parseHex("01040000d1d7")).get(5, TimeUnit.SECONDS);
            assertEquals(0x10e, code); // H3_MESSAGE_ERROR
            assertTrue(client.get("/").get(5, TimeUnit.SECONDS).completed(), "the connection stays usable");
            assertEquals(1, server.stats().requestsReceived());
        }
    }

    @Test
    void aDynamicTableReferenceIsQpackDecompressionFailed() throws Exception {
        try (Http3EmbeddedServer server = server();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            // HEADERS: Required Insert Count 2, then :method GET and a dynamic entry
            client.raw(HEX.parseHex("01040200d180"));
            QuicConnectionCloseEvent close = client.closeEvent.get(5, TimeUnit.SECONDS);
            assertTrue(close.isApplicationClose());
            assertEquals(0x200, close.error());
            assertEquals(0, server.stats().requestsReceived());
        }
    }

    @Test
    void dataBeforeHeadersIsFrameUnexpected() throws Exception {
        try (Http3EmbeddedServer server = server();
             Http3TestClient client = Http3TestClient.connect(server.port(), CLIENT_IDLE)) {
            client.raw(HEX.parseHex("000161"));
            QuicConnectionCloseEvent close = client.closeEvent.get(5, TimeUnit.SECONDS);
            assertTrue(close.isApplicationClose());
            assertEquals(0x105, close.error());
            assertEquals(0, server.stats().requestsReceived());
        }
    }
}
