package dev.quiver.quic.kwik;

import dev.quiver.core.engine.SocketErrors;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamState;
import dev.quiver.http3.H3Error;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.StreamClosedException;

/**
 * Turns what Kwik and the HTTP/3 layer throw or report into quiver's bounded error categories. Kwik gives
 * little detail: a peer's RESET_STREAM arrives as {@code StreamClosedException("Stream reset by
 * peer")} without its error code, so H3_REQUEST_REJECTED cannot be told apart from other resets.
 */
final class KwikFailures {

    private static final String[] H3_ERRORS = {
        "H3_NO_ERROR", "H3_GENERAL_PROTOCOL_ERROR", "H3_INTERNAL_ERROR", "H3_STREAM_CREATION_ERROR",
        "H3_CLOSED_CRITICAL_STREAM", "H3_FRAME_UNEXPECTED", "H3_FRAME_ERROR", "H3_EXCESSIVE_LOAD",
        "H3_ID_ERROR", "H3_SETTINGS_ERROR", "H3_MISSING_SETTINGS", "H3_REQUEST_REJECTED",
        "H3_REQUEST_CANCELLED", "H3_REQUEST_INCOMPLETE", "H3_MESSAGE_ERROR", "H3_CONNECT_ERROR",
        "H3_VERSION_FALLBACK",
    };

    private static final String[] QPACK_ERRORS = {
        "QPACK_DECOMPRESSION_FAILED", "QPACK_ENCODER_STREAM_ERROR", "QPACK_DECODER_STREAM_ERROR",
    };

    /** RFC 9114, 8.1: the server did not process the request; it is safe to retry. */
    static final long H3_REQUEST_REJECTED = 0x10b;
    /** RFC 9114, 8.1: the connection or stream ended with no error; what a client closes with. */
    static final long H3_NO_ERROR = 0x100;

    /** The message of the failure quiver raises when the server's HANDSHAKE_DONE does not come. */
    static final String NOT_CONFIRMED = "no HANDSHAKE_DONE within the connect timeout";
    /** ... and when the connection ended before it came. */
    static final String CLOSED_UNCONFIRMED = "connection ended before HANDSHAKE_DONE";

    private static final int MAX_DETAIL = 60;
    private static final java.util.regex.Pattern PACKAGE_PREFIX =
            java.util.regex.Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])");

    private KwikFailures() {
    }

    /** A stream's end, as a state and its category. */
    record Outcome(StreamState state, String category) {
    }

    /** Why a connection could not be set up. */
    static String connect(Throwable e) {
        if (e instanceof UnknownHostException) {
            return ErrorCategory.connect("unknown host");
        }
        // Kwik puts class names into its messages (tech.kwik.agent15.alert.BadCertificateAlert): keep the simple name.
        String m = e.getMessage() == null ? "" : PACKAGE_PREFIX.matcher(e.getMessage()).replaceAll("");
        if (e instanceof ConnectException) {
            if (m.startsWith("Connection timed out")) {
                return ErrorCategory.quic("handshake timed out");
            }
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("certificate") || lower.contains("alert") || lower.contains("tls")) {
                return ErrorCategory.tls(bounded(m.replace("Handshake error: ", "")));
            }
            return ErrorCategory.quic("handshake " + bounded(m.replace("Handshake error: ", "error: ")));
        }
        if (NOT_CONFIRMED.equals(m)) {
            return ErrorCategory.quic("handshake not confirmed");
        }
        if (CLOSED_UNCONFIRMED.equals(m)) {
            return ErrorCategory.quic("connection closed before handshake confirmed");
        }
        String os = SocketErrors.describe(e);
        if (os != null) {
            return ErrorCategory.connect(os);
        }
        if (e instanceof java.net.SocketException) {
            return ErrorCategory.connect(bounded(m.isEmpty() ? e.getClass().getSimpleName() : m));
        }
        return ErrorCategory.quic("handshake failed (" + e.getClass().getSimpleName() + ")");
    }

    /** Why Kwik ended a connection, from its {@link tech.kwik.core.ConnectionListener} event. */
    static String connectionEnd(ConnectionTerminatedEvent e) {
        return switch (e.closeReason()) {
            case IdleTimeout -> ErrorCategory.connectionLost("idle timeout");
            case ConnectionLost -> ErrorCategory.connectionLost("transport loss");
            case StatelessReset -> ErrorCategory.connectionLost("stateless reset");
            case ImmediateClose -> ErrorCategory.connectionLost("CONNECTION_CLOSE" + (e.closedByPeer() ? "" : " (local)")
                    + closeCode(e));
        };
    }

    /** The peer closed the connection with H3_NO_ERROR: what a server does after its GOAWAY. */
    static boolean isGracefulClose(ConnectionTerminatedEvent e) {
        return e.closeReason() == ConnectionTerminatedEvent.CloseReason.ImmediateClose && e.closedByPeer()
                && e.hasApplicationError() && e.applicationErrorCode() != null
                && e.applicationErrorCode() == H3_NO_ERROR;
    }

    private static String closeCode(ConnectionTerminatedEvent e) {
        if (e.hasApplicationError() && e.applicationErrorCode() != null) {
            return " " + h3ErrorName(e.applicationErrorCode());
        }
        if (e.hasTransportError() && e.transportErrorCode() != null) {
            return " transport 0x" + Long.toHexString(e.transportErrorCode());
        }
        return "";
    }

    /**
     * {@code H3_INTERNAL_ERROR (0x102)}, or only the number ({@code 0x1f3a}) for codes HTTP/3 does
     * not name: the same text the netty engine gives, so that one server event is one category.
     */
    static String h3ErrorName(long code) {
        if (code >= 0x100 && code - 0x100 < H3_ERRORS.length) {
            return H3_ERRORS[(int) (code - 0x100)] + " (0x" + Long.toHexString(code) + ")";
        }
        if (code >= 0x200 && code - 0x200 < QPACK_ERRORS.length) {
            return QPACK_ERRORS[(int) (code - 0x200)] + " (0x" + Long.toHexString(code) + ")";
        }
        return "0x" + Long.toHexString(code);
    }

    /**
     * A request that failed with {@code failure}; null when the failure says the connection is
     * gone, so that the connection's sweep ends the stream with the connection's close reason.
     */
    static Outcome request(Throwable failure) {
        String m = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure instanceof StreamClosedException) {
            if (m.contains("reset by peer")) {
                return new Outcome(StreamState.RESET_BY_PEER, ErrorCategory.resetByPeer("RESET_STREAM"));
            }
            if (m.contains("Connection closed")) {
                return null;
            }
            return new Outcome(StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("stream closed"));
        }
        if (failure instanceof IllegalStateException && m.contains("state")) {
            return null; // "Cannot connect a connection that is in state Draining"
        }
        if (failure instanceof java.io.IOException && m.equals("not connected")) {
            return null; // Kwik's createStream on a connection that closed as the request started
        }
        if (failure instanceof H3Error h) {
            // The fixed texts that say more than the code (the same as the netty engine's); the code's name otherwise.
            boolean said = h.code() == H3Error.H3_MESSAGE_ERROR || h.code() == H3Error.H3_EXCESSIVE_LOAD;
            return new Outcome(StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError(said ? m : h3ErrorName(h.code())));
        }
        return new Outcome(StreamState.CONNECTION_LOST, ErrorCategory.connectionLost(failure.getClass().getSimpleName()));
    }

    private static String bounded(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "...";
    }
}
