package dev.quiver.core.interop;

import java.util.List;
import java.util.concurrent.Future;

/**
 * One QUIC connection with HTTP/3 on it, and what its engine observed on it: the one API every
 * engine offers the cases. An observation the stack cannot make throws {@link UnsupportedCase}.
 */
public interface InteropConnection extends AutoCloseable {

    /** GET {@code path}; waits for the whole response (at most the case's timeout). */
    Response get(String path) throws Exception;

    /** GET {@code path} without waiting. */
    Future<Response> getAsync(String path);

    /**
     * GETs for every path at once, never more streams than the server's credit allows; the
     * responses in order. Throws when one fails.
     */
    List<Response> getAll(List<String> paths) throws Exception;

    /** The QUIC version(s) seen in the server's packets: {@code v1}, {@code v2}, {@code v1+v2}. */
    String quicVersion();

    /** The ALPN the server chose. */
    String alpn();

    /** The TLS cipher suite the handshake settled on. */
    String cipherSuite() throws UnsupportedCase;

    /** Initial packets the client sent: its first flight, retransmissions, and ACKs at that level. */
    int initialsSent();

    /**
     * QUIC connections the engine started to get this one: 1, or more when a stalled handshake was
     * given up and tried again on a new connection (the runner would count each as a handshake).
     */
    default int handshakeAttempts() {
        return 1;
    }

    /** Retry packets received before the handshake. */
    int retriesReceived();

    /** Whether the handshake resumed an earlier session. */
    boolean resumed() throws UnsupportedCase;

    /** Waits up to {@code millis} for a session ticket; false when none came. */
    boolean awaitSessionTicket(long millis) throws Exception;

    /** The server's stream credit and how this connection used it. */
    StreamUse streams() throws Exception;

    /** Flow-control credit frames (MAX_DATA, MAX_STREAM_DATA) the client sent, or -1 when the stack does not tell. */
    int creditFramesSent();

    /** The id in the server's latest GOAWAY, waiting up to {@code millis} for one; -1 when none came. */
    long goawayId(long millis) throws InterruptedException;

    /** What became of the request of {@link InteropClient#connectEarly}, waiting up to {@code millis} for its response. */
    EarlyData earlyData(long millis) throws Exception;

    /** Starts a key update. */
    void startKeyUpdate() throws UnsupportedCase;

    /** PATH_CHALLENGE frames received and PATH_RESPONSE frames sent so far (a stack that cannot tell: unsupported). */
    default PathValidation pathValidation() throws UnsupportedCase {
        throw new UnsupportedCase("this stack does not report PATH_CHALLENGE or PATH_RESPONSE frames");
    }

    /**
     * The server's preferred_address transport parameter (RFC 9000 18.2) as it sent it, e.g.
     * {@code 198.18.0.2:443 [2001:2::2]:443}; empty when it sent none. A stack that does not show the
     * server's transport parameters: unsupported.
     */
    default String preferredAddress() throws UnsupportedCase {
        throw new UnsupportedCase("this stack does not report the server's transport parameters");
    }

    /**
     * Moves the connection to the server's preferred address (RFC 9000 9.6): the client's
     * PATH_CHALLENGE to it answered by the server's PATH_RESPONSE, then non-probing packets from the
     * new path. Returns what was seen (the challenge, its answer, the time it took); throws when the
     * path could not be validated.
     */
    default String migrateToPreferredAddress() throws Exception {
        throw new UnsupportedCase("this stack does not migrate to a server's preferred address");
    }

    /** Key phase changes seen so far. */
    KeyPhases keyPhases() throws UnsupportedCase;

    @Override
    void close();
}
