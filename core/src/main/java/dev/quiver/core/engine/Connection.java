package dev.quiver.core.engine;

import dev.quiver.core.stream.StreamState;
import java.util.concurrent.Executor;

/**
 * One open connection of an engine. Methods may be called from any thread; engines hop onto
 * their own event loop.
 */
public interface Connection {

    /** The protocol that actually runs on this connection (after ALPN). */
    Protocol protocol();

    /** The ALPN value negotiated, or {@code ""} for cleartext. */
    String alpn();

    /**
     * How many streams the peer lets this connection have open at once right now: HTTP/2
     * SETTINGS_MAX_CONCURRENT_STREAMS, QUIC MAX_STREAMS credit; 1 for HTTP/1.1.
     * {@link Integer#MAX_VALUE} when the peer sets no limit.
     */
    int peerStreamLimit();

    /** Set-up facts for the report (QUIC version, resumption, 0-RTT, Retry); known once the connection is ready. */
    default ConnectionFacts facts() {
        return ConnectionFacts.NONE;
    }

    /** The thread that runs this connection; {@link #start} must be called on it. */
    Executor executor();

    /** Streams open on this connection now (exact on {@link #executor()}, a recent value elsewhere). */
    int openStreams();

    /** False once the peer sent GOAWAY or the connection is closing: no new stream may start. */
    boolean acceptsStreams();

    /**
     * Opens a stream and sends one of the run's requests on it; call on {@link #executor()} only, and only
     * while {@link #openStreams()} is below the peer's limit. The stream is opened in the tracker
     * before the first byte is written; its end reaches the tracker exactly once.
     *
     * @param intendedStartNanos when the scheduler meant the request to start ({@link System#nanoTime()})
     * @param attempt 0 for a first try, 1 for a retry of a refused request
     * @param request which entry of {@link EngineConfig#requests()} to send (0 for a run of one request)
     */
    void start(long intendedStartNanos, int attempt, int request);

    /**
     * Closes the connection; its live streams end in {@code sweepState} (normally
     * {@link StreamState#CANCELLED} at the end of a run).
     */
    void close(StreamState sweepState, String reason);
}
