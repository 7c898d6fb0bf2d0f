package dev.quiver.server.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.testing.NoByteBufLeaks;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connections that hold a descriptor without using it are closed after the idle timeout; one
 * whose request is being answered, however long that takes, is not.
 */
@ExtendWith(NoByteBufLeaks.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdleTimeoutTest {

    private static final int IDLE_MILLIS = 400;
    /** Closed after the timeout, give or take one check. */
    private static final int CLOSED_WITHIN_MILLIS = 3 * IDLE_MILLIS + 500;

    private static SelfSignedCertificate cert;
    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        cert = SelfSignedCertificate.generate();
        server = EmbeddedServer.start(ServerConfig.builder().threads(1).certificate(cert).stallEvery(2)
                .idleTimeout(Duration.ofMillis(IDLE_MILLIS)).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aConnectionThatNeverSpeaksIsClosed() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", server.plainPort())) {
            assertTrue(closedWithin(plain, CLOSED_WITHIN_MILLIS), "plain port");
        }
    }

    @Test
    void aConnectionStuckInARequestHeadIsClosed() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", server.plainPort())) {
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(closedWithin(plain, CLOSED_WITHIN_MILLIS));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswerNotDuringIt() throws Exception {
        try (Http1TestConnection c = Http1TestConnection.plain(server.plainPort())) {
            c.send("GET", "/delay/" + 3 * IDLE_MILLIS); // longer than the timeout: being answered, kept
            Http1TestConnection.Response r = c.read();
            assertEquals(200, r.status());
            assertTrue(c.closedByPeer(CLOSED_WITHIN_MILLIS), "closed once idle");
        }
    }

    @Test
    void anHttp2ConnectionIsClosedWithAGoawayOnceIdleButNotWhileAStreamIsOpen() throws Exception {
        try (H2TestClient h2 = H2TestClient.h2c(server.plainPort())) {
            H2TestClient.Exchange first = h2.get("/");
            assertTrue(first.result().get(5, TimeUnit.SECONDS).completed());
            H2TestClient.Exchange stalled = h2.get("/"); // stall-every 2: never answered, its stream stays open
            Thread.sleep(3 * IDLE_MILLIS);
            assertTrue(h2.isOpen(), "a stream is open: not idle");
            assertFalse(h2.goAway.isDone());
            h2.cancel(stalled.streamId());
            H2TestClient.GoAway goAway = h2.goAway.get(CLOSED_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
            assertEquals(0, goAway.errorCode());
            h2.closed.get(CLOSED_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void aTlsConnectionIdleAfterItsHandshakeIsClosed() throws Exception {
        try (Http1TestConnection c = Http1TestConnection.tls(server.tlsPort(), cert)) {
            c.send("GET", "/");
            assertEquals(200, c.read().status());
            assertTrue(c.closedByPeer(CLOSED_WITHIN_MILLIS));
        }
    }

    private static boolean closedWithin(Socket socket, int millis) throws Exception {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
