package dev.quiver.quic.kwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tech.kwik.core.QuicConnection;
import tech.kwik.flupke.impl.Http3ClientConnectionImpl;

/**
 * Tests run with {@code -ea}, as a user may: Kwik's own assertions must still be off, or the
 * one in its loss detector kills a loopback connection's receiver thread (see
 * {@link KwikProcessSettings}). Flupke's frame-size limits must be in place before connections are built.
 */
class KwikProcessSettingsTest {

    @Test
    void kwikAssertionsAreOffWhileOursAreOn() {
        assertTrue(KwikProcessSettingsTest.class.desiredAssertionStatus(), "this test needs a JVM started with -ea");
        KwikProcessSettings.apply();
        assertFalse(tech.kwik.core.recovery.LossDetector.class.desiredAssertionStatus());
        assertFalse(tech.kwik.flupke.Http3Client.class.desiredAssertionStatus());
    }

    @Test
    void flupkeReadsNoHeadersFrameLargerThanTheLimit() throws Exception {
        KwikProcessSettings.apply();
        assertEquals(KwikProcessSettings.MAX_HEADER_FRAME_BYTES, Http3ClientConnectionImpl.MAX_RECEIVED_HEADER_SIZE);
        assertEquals(KwikProcessSettings.MAX_HEADER_FRAME_BYTES, Http3ClientConnectionImpl.MAX_RECEIVED_DATA_SIZE);
        // And a connection built now takes the limit over (Flupke copies it in its constructor).
        QuicConnection quic = (QuicConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {QuicConnection.class}, (proxy, method, args) -> null);
        ExecutorService peerStreams = Executors.newSingleThreadExecutor();
        try {
            var connection = new GoawayReadingConnection(quic, peerStreams);
            var field = Http3ClientConnectionImpl.class.getDeclaredField("maxReceivedHeaderSize");
            field.setAccessible(true);
            assertEquals(KwikProcessSettings.MAX_HEADER_FRAME_BYTES, field.getLong(connection));
        } finally {
            peerStreams.shutdownNow();
        }
    }
}
