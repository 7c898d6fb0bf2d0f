package dev.quiver.quic.netty;

import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicTransportError;

/**
 * Names of HTTP/3 and QUIC error codes as they appear in error categories:
 * {@code H3_INTERNAL_ERROR (0x102)}. Unknown codes keep their number only, so categories stay bounded.
 */
final class Http3ErrorNames {

    private Http3ErrorNames() {
    }

    /** An HTTP/3 application error code (RESET_STREAM, STOP_SENDING, application CONNECTION_CLOSE). */
    static String h3(long code) {
        for (Http3ErrorCode e : Http3ErrorCode.values()) {
            if (e.code() == code) {
                return e.name() + " (0x" + Long.toHexString(code) + ")";
            }
        }
        return "0x" + Long.toHexString(code);
    }

    /** A QUIC transport error code. */
    static String transport(long code) {
        try {
            QuicTransportError e = QuicTransportError.valueOf(code);
            if (e != null) {
                return e.name() + " (0x" + Long.toHexString(code) + ")";
            }
        } catch (RuntimeException ignored) {
            // not one of the standard codes
        }
        return "0x" + Long.toHexString(code);
    }

    /** The peer's CONNECTION_CLOSE, without its free-text reason: {@code CONNECTION_CLOSE H3_NO_ERROR (0x100)}. */
    static String connectionClose(QuicConnectionCloseEvent event) {
        if (event.isTlsError()) {
            return "CONNECTION_CLOSE TLS alert " + QuicConnectionCloseEvent.extractTlsError(event.error());
        }
        return "CONNECTION_CLOSE " + (event.isApplicationClose() ? h3(event.error()) : transport(event.error()));
    }
}
