package dev.quiver.quic.kwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import tech.kwik.core.frame.CryptoFrame;
import tech.kwik.core.frame.PingFrame;
import tech.kwik.core.impl.Version;
import tech.kwik.core.packet.InitialPacket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the tap tells from Kwik's log lines: a stalled handshake, a fault of Kwik's own, the last error. */
class HandshakeTapTest {

    private static final class Tap extends HandshakeTap {
    }

    @Test
    void aRuntimeExceptionInKwikIsKwiksFaultAndSaysWhy() {
        Tap tap = new Tap();
        assertNull(tap.lastError());
        tap.error("Aborting connection because of error", new NullPointerException("message is null"));
        assertTrue(tap.kwikFault());
        assertEquals("Aborting connection because of error: java.lang.NullPointerException: message is null", tap.lastError());
    }

    @Test
    void anErrorTheServerCausedIsNotKwiksFault() {
        Tap tap = new Tap();
        tap.error("Discarding Retry packet, because integrity tag is invalid.");
        tap.error("Handshake failed with crypto error", new IOException("bad certificate"));
        assertFalse(tap.kwikFault());
        assertTrue(tap.lastError().contains("bad certificate"));
    }

    @Test
    void theLastErrorIsBounded() {
        Tap tap = new Tap();
        tap.error("x".repeat(10_000));
        assertEquals(200, tap.lastError().length());
    }

    @Test
    void fourHandshakeDropsForMissingKeysAfterTheServerHelloAreAStallReportedOnce() {
        Tap tap = new Tap();
        AtomicInteger stalls = new AtomicInteger();
        tap.onHandshakeStall(stalls::incrementAndGet);
        serverHello(tap);
        for (int i = 0; i < 3; i++) {
            tap.warn("Missing keys for encryption level Handshake");
        }
        assertFalse(tap.handshakeStalled());
        for (int i = 0; i < 5; i++) {
            tap.warn("Missing keys for encryption level Handshake");
        }
        assertTrue(tap.handshakeStalled());
        assertEquals(1, stalls.get());
    }

    @Test
    void dropsBeforeTheServerHelloArrivedAreLossNotAStall() {
        // On a lossy link (handshakeloss) the server's Initial can be lost while its Handshake packets arrive.
        Tap tap = new Tap();
        AtomicInteger stalls = new AtomicInteger();
        tap.onHandshakeStall(stalls::incrementAndGet);
        tap.received(Instant.now(), 50, new InitialPacket(Version.QUIC_version_1, new byte[8], new byte[8], null, new PingFrame()));
        for (int i = 0; i < 8; i++) {
            tap.warn("Missing keys for encryption level Handshake");
        }
        assertFalse(tap.handshakeStalled());
        assertEquals(0, stalls.get());
    }

    private static void serverHello(HandshakeTap tap) {
        tap.received(Instant.now(), 1200, new InitialPacket(Version.QUIC_version_1, new byte[8], new byte[8], null,
                new CryptoFrame(Version.QUIC_version_1, new byte[] {2, 0, 0, 0})));
    }
}
