package dev.quiver.core.error;

import java.io.IOException;
import java.util.Locale;

/**
 * The one vocabulary of error categories: {@code kind: protocol code (detail)}, built here and
 * nowhere else, so that the same event has the same text on every engine. The category stays text
 * where it travels (the tracker, the statistics, the JSON keys); {@link ErrorKind#of} reads the
 * kind back. The text is cut to {@value #MAX_LENGTH} characters (as the statistics keep it):
 * categories are counted by text, and a server must not be able to make them long.
 *
 * <p>GOAWAY: a request on a stream the GOAWAY leaves out is {@code refused: beyond GOAWAY} on
 * HTTP/2 and HTTP/3 alike (HTTP/2 names the last stream processed, HTTP/3 the first not processed;
 * the event is the same).
 */
public final class ErrorCategory {

    static final int MAX_LENGTH = 120;

    private ErrorCategory() {
    }

    /** {@code kind: detail}, or just {@code kind} without a detail. */
    public static String of(ErrorKind kind, String detail) {
        if (detail == null || detail.isEmpty()) {
            return kind.label();
        }
        String text = kind.label() + ": " + detail;
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    }

    public static String connect(String detail) {
        return of(ErrorKind.CONNECT, detail);
    }

    public static String tls(String detail) {
        return of(ErrorKind.TLS, detail);
    }

    public static String quic(String detail) {
        return of(ErrorKind.QUIC, detail);
    }

    public static String alpn(String detail) {
        return of(ErrorKind.ALPN, detail);
    }

    /** A stream the peer's GOAWAY left out: never processed, to be retried. The same text on HTTP/2 and HTTP/3. */
    public static String refusedBeyondGoaway() {
        return of(ErrorKind.REFUSED, "beyond GOAWAY");
    }

    /** The peer refused the stream with a reset: {@code frame} as the protocol names it, then its code's name. */
    public static String refused(String frame, String codeName) {
        return of(ErrorKind.REFUSED, frame + " " + codeName);
    }

    public static String refused(String detail) {
        return of(ErrorKind.REFUSED, detail);
    }

    public static String resetByPeer(String detail) {
        return of(ErrorKind.RESET_BY_PEER, detail);
    }

    /** The peer reset the stream: {@code RST_STREAM CANCEL (0x8)} on HTTP/2, {@code RESET_STREAM H3_...} on HTTP/3. */
    public static String resetByPeer(String frame, String codeName) {
        return of(ErrorKind.RESET_BY_PEER, codeName == null ? frame : frame + " " + codeName);
    }

    public static String connectionLost(String detail) {
        return of(ErrorKind.CONNECTION_LOST, detail);
    }

    /** The connection broke with this exception: the OS's words where there are some, else its type. */
    public static String connectionLost(Throwable cause) {
        if (cause instanceof IOException && cause.getMessage() != null) {
            String m = cause.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("reset")) {
                return connectionLost("reset by peer");
            }
            if (m.contains("broken pipe")) {
                return connectionLost("broken pipe");
            }
        }
        return connectionLost(cause.getClass().getSimpleName());
    }

    public static String protocolError(String detail) {
        return of(ErrorKind.PROTOCOL_ERROR, detail);
    }

    /** The peer broke the protocol in a way that ends the connection; {@code codeName} is the protocol's error. */
    public static String connectionError(String codeName) {
        return protocolError("connection error " + codeName);
    }

    public static String timedOut() {
        return ErrorKind.TIMED_OUT.label();
    }

    public static String timedOut(String detail) {
        return of(ErrorKind.TIMED_OUT, detail);
    }

    public static String cancelled(String detail) {
        return of(ErrorKind.CANCELLED, detail);
    }
}
