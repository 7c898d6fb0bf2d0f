package dev.quiver.quic.kwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
    void fourHandshakeDropsForMissingKeysAreAStallReportedOnce() {
        Tap tap = new Tap();
        AtomicInteger stalls = new AtomicInteger();
        tap.onHandshakeStall(stalls::incrementAndGet);
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
}
