package dev.quiver.quic.kwik;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Tests run with {@code -ea}, as a user may: Kwik's own assertions must still be off, or the
 * one in its loss detector kills a loopback connection's receiver thread (see
 * {@link KwikProcessSettings}).
 */
class KwikProcessSettingsTest {

    @Test
    void kwikAssertionsAreOffWhileOursAreOn() {
        assertTrue(KwikProcessSettingsTest.class.desiredAssertionStatus(), "this test needs a JVM started with -ea");
        KwikProcessSettings.apply();
        assertFalse(tech.kwik.core.recovery.LossDetector.class.desiredAssertionStatus());
        assertFalse(tech.kwik.flupke.Http3Client.class.desiredAssertionStatus());
    }
}
