package dev.quiver.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorCategoryTest {

    @Test
    void everyFactoryStartsWithItsKind() {
        assertEquals("refused: beyond GOAWAY", ErrorCategory.refusedBeyondGoaway());
        assertEquals("refused: RST_STREAM REFUSED_STREAM (0x7)", ErrorCategory.refused("RST_STREAM", "REFUSED_STREAM (0x7)"));
        assertEquals("reset_by_peer: RESET_STREAM H3_INTERNAL_ERROR", ErrorCategory.resetByPeer("RESET_STREAM", "H3_INTERNAL_ERROR"));
        assertEquals("reset_by_peer: RESET_STREAM", ErrorCategory.resetByPeer("RESET_STREAM", null));
        assertEquals("protocol_error: connection error FRAME_SIZE_ERROR", ErrorCategory.connectionError("FRAME_SIZE_ERROR"));
        assertEquals("timed_out", ErrorCategory.timedOut());
        assertEquals(ErrorKind.CONNECT, ErrorKind.of(ErrorCategory.connect("refused")));
        assertEquals(ErrorKind.TLS, ErrorKind.of(ErrorCategory.tls("handshake failed")));
        assertEquals(ErrorKind.QUIC, ErrorKind.of(ErrorCategory.quic("handshake timed out")));
        assertEquals(ErrorKind.ALPN, ErrorKind.of(ErrorCategory.alpn("server did not agree to HTTP/2")));
        assertEquals(ErrorKind.CANCELLED, ErrorKind.of(ErrorCategory.cancelled("run ended")));
        assertEquals(ErrorKind.TIMED_OUT, ErrorKind.of(ErrorCategory.timedOut()));
        assertEquals(ErrorKind.PROTOCOL_ERROR, ErrorKind.of(ErrorCategory.protocolError("response ended early")));
    }

    @Test
    void aLossNamesTheOsWordsOrTheExceptionType() {
        assertEquals("connection_lost: reset by peer", ErrorCategory.connectionLost(new IOException("Connection reset by peer")));
        assertEquals("connection_lost: broken pipe", ErrorCategory.connectionLost(new IOException("Broken pipe")));
        assertEquals("connection_lost: IllegalStateException", ErrorCategory.connectionLost(new IllegalStateException("x")));
    }

    @Test
    void aServerCannotMakeACategoryLong() {
        String debug = "x".repeat(10_000);
        assertEquals(ErrorCategory.MAX_LENGTH, ErrorCategory.connectionLost("GOAWAY " + debug).length());
    }

    @Test
    void unknownTextHasNoKind() {
        assertNull(ErrorKind.of("Exception: boom"));
        assertNull(ErrorKind.of(null));
        assertEquals(ErrorKind.CONNECTION_LOST, ErrorKind.of("connection_lost"));
    }
}
