package dev.quiver.server.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.fault.Fault;
import dev.quiver.server.route.ResponseBodies;
import dev.quiver.server.testing.NoByteBufLeaks;
import dev.quiver.server.tls.SelfSignedCertificate;
import io.netty.handler.codec.http2.Http2Error;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each fault switch, observed on the wire, over HTTP/2 and HTTP/1.1. */
@ExtendWith(NoByteBufLeaks.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EmbeddedServerFaultsTest {

    static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate();
    }

    static EmbeddedServer start(ServerConfig.Builder b) {
        return EmbeddedServer.start(b.threads(1).certificate(cert).build());
    }

    static H2TestClient.Result await(H2TestClient.Exchange e) throws Exception {
        return e.result().get(5, TimeUnit.SECONDS);
    }

    // ---- goaway ----

    @Test
    void http2GoawayAfterNthRequestThenClose() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().goawayEvery(3));
             H2TestClient client = H2TestClient.h2c(server.plainPort())) {
            assertTrue(await(client.get("/")).completed());
            assertTrue(await(client.get("/")).completed());
            H2TestClient.Result third = await(client.get("/"));
            assertTrue(third.completed());
            H2TestClient.GoAway goAway = client.goAway.get(2, TimeUnit.SECONDS);
            assertEquals(third.streamId(), goAway.lastStreamId());
            assertEquals(Http2Error.NO_ERROR.code(), goAway.errorCode());
            // The answer precedes the GOAWAY on the wire, and the connection closes once idle.
            List<String> events = List.copyOf(client.events);
            int id = third.streamId();
            assertTrue(events.indexOf("DATA(end) " + id) < events.indexOf("GOAWAY " + id), events.toString());
            client.closed.get(2, TimeUnit.SECONDS);
            assertEquals(1, server.stats().faultsInjected(Fault.GOAWAY));
        }
    }

    @Test
    void http2GoawayLetsInFlightStreamsFinish() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().goawayEvery(2));
             H2TestClient client = H2TestClient.h2c(server.plainPort())) {
            H2TestClient.Exchange slow = client.get("/delay/300");
            H2TestClient.Result second = await(client.get("/"));
            assertTrue(second.completed());
            H2TestClient.GoAway goAway = client.goAway.get(2, TimeUnit.SECONDS);
            assertEquals(second.streamId(), goAway.lastStreamId());
            assertFalse(slow.result().isDone(), "in-flight stream still running after GOAWAY");
            assertTrue(client.isOpen());
            H2TestClient.Result slowResult = await(slow);
            assertTrue(slowResult.completed(), slowResult.toString());
            client.closed.get(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void http2GoawayRefusesStreamsBeyondLastStreamId() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().goawayEvery(1));
             H2TestClient client = H2TestClient.tls(server.tlsPort(), cert)) {
            client.remoteSettings.get(5, TimeUnit.SECONDS);
            H2TestClient.Result first = await(client.get("/"));
            assertTrue(first.completed());
            assertEquals(first.streamId(), client.goAway.get(2, TimeUnit.SECONDS).lastStreamId());
            client.closed.get(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void http1GoawayAnswersWithConnectionClose() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().goawayEvery(2));
             Http1TestConnection c = Http1TestConnection.plain(server.plainPort())) {
            c.send("GET", "/");
            Http1TestConnection.Response first = c.read();
            assertEquals(200, first.status());
            assertEquals(null, first.headers().get("connection"));
            c.send("GET", "/bytes/100000");
            Http1TestConnection.Response second = c.read();
            assertTrue(second.complete());
            assertEquals(100_000, second.body().length);
            assertEquals("close", second.headers().get("connection"));
            assertTrue(c.closedByPeer(2000));
            assertEquals(1, server.stats().faultsInjected(Fault.GOAWAY));
        }
    }

    // ---- close ----

    @Test
    void http2CloseDropsConnectionWithoutGoaway() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().closeEvery(2))) {
            for (boolean tls : new boolean[] {false, true}) {
                try (H2TestClient client = tls ? H2TestClient.tls(server.tlsPort(), cert)
                        : H2TestClient.h2c(server.plainPort())) {
                    assertTrue(await(client.get("/")).completed());
                    H2TestClient.Result second = await(client.get("/"));
                    assertTrue(second.connectionLost(), second.toString());
                    assertEquals(0, second.status());
                    client.closed.get(2, TimeUnit.SECONDS);
                    assertFalse(client.goAway.isDone(), "no GOAWAY on an abrupt close");
                }
            }
            assertEquals(2, server.stats().faultsInjected(Fault.CLOSE));
        }
    }

    @Test
    void http1CloseDropsConnectionWithoutResponse() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().closeEvery(2))) {
            for (boolean tls : new boolean[] {false, true}) {
                try (Http1TestConnection c = tls ? Http1TestConnection.tls(server.tlsPort(), cert)
                        : Http1TestConnection.plain(server.plainPort())) {
                    c.send("GET", "/");
                    assertEquals(200, c.read().status());
                    c.send("GET", "/");
                    assertThrows(EOFException.class, c::read);
                }
            }
        }
    }

    // ---- reset ----

    @Test
    void http2ResetCutsTheBodyAndKeepsTheConnection() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().resetEvery(2));
             H2TestClient client = H2TestClient.h2c(server.plainPort())) {
            assertTrue(await(client.get("/")).completed());
            H2TestClient.Result reset = await(client.get("/bytes/1000"));
            assertEquals(Http2Error.INTERNAL_ERROR.code(), reset.resetCode());
            assertEquals(200, reset.status());
            assertEquals(ResponseBodies.partialHelloLength(), reset.bodyBytes());
            assertFalse(reset.connectionLost());
            assertTrue(await(client.get("/")).completed(), "connection still usable");
            assertEquals(1, server.stats().faultsInjected(Fault.RESET));
        }
    }

    @Test
    void http1ResetClosesMidBody() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().resetEvery(2));
             Http1TestConnection c = Http1TestConnection.plain(server.plainPort())) {
            c.send("GET", "/");
            assertTrue(c.read().complete());
            c.send("GET", "/");
            Http1TestConnection.Response cut = c.read();
            assertEquals(200, cut.status());
            assertEquals("14", cut.headers().get("content-length"));
            assertEquals(ResponseBodies.partialHelloLength(), cut.body().length);
            assertFalse(cut.complete());
        }
    }

    // ---- stall ----

    @Test
    void http2StallLeavesOneStreamUnanswered() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().stallEvery(2));
             H2TestClient client = H2TestClient.h2c(server.plainPort())) {
            assertTrue(await(client.get("/")).completed());
            H2TestClient.Exchange stalled = client.get("/");
            assertTrue(await(client.get("/")).completed(), "later streams are answered");
            Thread.sleep(300);
            assertFalse(stalled.result().isDone(), "stalled stream never answered");
            client.cancel(stalled.streamId());
            H2TestClient.Exchange fourth = client.get("/");
            assertTrue(await(client.get("/")).completed(), "fifth answered");
            assertFalse(fourth.result().isDone(), "fourth (2N) stalled too");
            assertEquals(2, server.stats().faultsInjected(Fault.STALL));
        }
    }

    @Test
    void http2StalledStreamsAreForgottenOnceTheClientResetsThem() throws Exception {
        int limit = 4;
        try (EmbeddedServer server = start(ServerConfig.builder().stallEvery(1).maxConcurrentStreams(limit));
             H2TestClient client = H2TestClient.h2c(server.plainPort())) {
            client.remoteSettings.get(5, TimeUnit.SECONDS);
            for (int round = 0; round < 3; round++) {
                List<H2TestClient.Exchange> exchanges = new ArrayList<>();
                for (int i = 0; i < limit; i++) {
                    exchanges.add(client.get("/"));
                }
                // Had the server kept earlier rounds' streams, these would be refused (RST REFUSED_STREAM).
                Thread.sleep(200);
                for (H2TestClient.Exchange e : exchanges) {
                    assertFalse(e.result().isDone(), "round " + round + ": " + e.result().getNow(null));
                    client.cancel(e.streamId());
                }
            }
            assertEquals(3L * limit, server.stats().faultsInjected(Fault.STALL));
            assertTrue(client.isOpen());
        }
    }

    @Test
    void http1StallHangsUntilTheClientCloses() throws Exception {
        try (EmbeddedServer server = start(ServerConfig.builder().stallEvery(2))) {
            try (Http1TestConnection c = Http1TestConnection.plain(server.plainPort())) {
                c.send("GET", "/");
                assertTrue(c.read().complete());
                c.send("GET", "/");
                assertTrue(c.silentFor(300), "stalled request gets no answer");
                c.send("GET", "/");
                assertTrue(c.silentFor(100), "requests behind a stall get no answer either");
                assertEquals(1, server.stats().connectionsOpen());
            }
            waitFor(() -> server.stats().connectionsOpen() == 0, "server forgets the stalled connection");
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(10);
        }
    }
}
