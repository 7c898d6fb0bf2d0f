package dev.quiver.core.error;

import java.util.Locale;

/**
 * What kind of failure a category names: the word before the colon of every error category
 * ({@code kind: protocol code or detail}). The same event has the same kind on every engine;
 * only the protocol code may differ where the protocols name it differently.
 */
public enum ErrorKind {
    /** The TCP or UDP connect failed, or the connection ended before it was ready. */
    CONNECT,
    /** The TLS handshake failed (TCP). */
    TLS,
    /** The QUIC handshake failed or timed out. */
    QUIC,
    /** The server did not agree to the protocol asked for. */
    ALPN,
    /** The server did not process the request (GOAWAY, REFUSED_STREAM, H3_REQUEST_REJECTED): safe to retry. */
    REFUSED,
    /** The server reset the stream with another code. */
    RESET_BY_PEER,
    /** The connection went away under the request. */
    CONNECTION_LOST,
    /** The server broke the protocol. */
    PROTOCOL_ERROR,
    /** No response within the request timeout. */
    TIMED_OUT,
    /** quiver ended the request (the run ended, the engine closed). */
    CANCELLED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The word a category starts with, e.g. {@code connection_lost}. */
    public String label() {
        return label;
    }

    /** The kind a category's text names, or null when it names none of these. */
    public static ErrorKind of(String category) {
        if (category == null) {
            return null;
        }
        int colon = category.indexOf(':');
        String word = colon < 0 ? category : category.substring(0, colon);
        for (ErrorKind k : values()) {
            if (k.label.equals(word)) {
                return k;
            }
        }
        return null;
    }
}
