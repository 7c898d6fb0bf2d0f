package dev.quiver.core.engine;

import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamState;
import java.util.function.UnaryOperator;

/**
 * The life of one connection, the same for every engine: set-up, ready, perhaps draining, then
 * closed exactly once, at which point its live streams are swept and the scheduler hears either
 * {@link ConnectionEvents#onConnectFailed} (it never got ready) or {@link ConnectionEvents#onClosed}.
 *
 * <p>A component rather than a base class: the engines' connections already differ in what they
 * extend and in the thread they live on (a Netty event loop, a serial executor), and they keep
 * their protocol code; what they share is this small state machine. Not thread-safe: every call
 * comes from the connection's own thread.
 *
 * <p>Rules: quiver's close wins over a loss noted later (its streams end in the state quiver asked
 * for, and the connection is not lost); the first loss noted gives the category; a close after the
 * peer's drain is not a loss unless the peer ended it with an error; every second call is ignored.
 */
public final class ConnectionLifecycle {

    private final Connection connection;
    private final ConnectionStreams streams;
    private final ConnectionEvents events;
    private final UnaryOperator<String> setupFailure;

    private boolean ready;
    private boolean draining;
    private boolean ended;
    /** Set when quiver closes the connection: its streams end in this state rather than CONNECTION_LOST. */
    private StreamState closeState;
    private String closeCategory;
    private String lossCategory;
    private boolean peerError;
    private boolean transportReported;

    /**
     * @param setupFailure the category of a connect failure when the connection ends before it was
     *                     ready, given the first loss noted (null if none)
     */
    public ConnectionLifecycle(Connection connection, ConnectionStreams streams, ConnectionEvents events,
                               UnaryOperator<String> setupFailure) {
        this.connection = connection;
        this.streams = streams;
        this.events = events;
        this.setupFailure = setupFailure;
    }

    /** A lifecycle whose set-up failure is the first loss noted, else {@code fallback}. */
    public ConnectionLifecycle(Connection connection, ConnectionStreams streams, ConnectionEvents events, String fallback) {
        this(connection, streams, events, loss -> loss != null ? loss : fallback);
    }

    public ConnectionStreams streams() {
        return streams;
    }

    public boolean isReady() {
        return ready;
    }

    public boolean isDraining() {
        return draining;
    }

    public boolean isEnded() {
        return ended;
    }

    /** quiver has decided to close the connection (for the run's end or a protocol error). */
    public boolean isClosing() {
        return closeState != null;
    }

    /** Ready, not draining, not closing, not ended: a new stream may start (the transport may add its own check). */
    public boolean acceptsStreams() {
        return ready && !draining && closeState == null && !ended;
    }

    /** The first loss noted, or null. */
    public String lossCategory() {
        return lossCategory;
    }

    /** Tells the scheduler the connection is ready, once; false if it was already, or has ended. */
    public boolean ready(HandshakeTimes times) {
        if (ready || ended) {
            return false;
        }
        ready = true;
        events.onReady(connection, times);
        return true;
    }

    /** The peer announced the end (GOAWAY, Connection: close): tells the scheduler once; true the first time. */
    public boolean drain() {
        if (draining || ended) {
            return false;
        }
        draining = true;
        events.onDraining(connection);
        return true;
    }

    /**
     * The connection will end after the streams it runs, without the peer's announcement to count
     * (HTTP/1.1 {@code Connection: close}, stream ids used up): no new stream, and its close is not a loss.
     */
    public void drainSilently() {
        draining = true;
    }

    /**
     * quiver retires the connection after the streams it runs, for a limit of its transport (quiche
     * keeps a record of every stream a QUIC connection had): no new stream, the scheduler opens its
     * replacement at once, and its end is neither a loss nor a GOAWAY. Once.
     */
    public void retire() {
        if (draining || ended) {
            return;
        }
        draining = true;
        events.onRetiring(connection);
    }

    /** quiver closes the connection: its streams will end in {@code sweepState}. The first close wins. */
    public void close(StreamState sweepState, String reason) {
        if (closeState == null && !ended) {
            closeState = sweepState;
            closeCategory = reason;
        }
    }

    /**
     * quiver found the peer breaking the protocol and closes for it: its streams end as
     * PROTOCOL_ERROR, not as a loss.
     */
    public void protocolError(String category) {
        close(StreamState.PROTOCOL_ERROR, category);
    }

    /** Remembers why the connection broke, for the streams it takes down. The first cause wins. */
    public void noteLoss(String category) {
        if (lossCategory == null) {
            lossCategory = category;
        }
    }

    /** The peer ended the connection with an error: a loss even while draining. */
    public void peerError(String category) {
        noteLoss(category);
        peerError = true;
    }

    /**
     * The transport's figures for this connection, which the engine reads just before the transport
     * closes (the socket or the QUIC state is gone after): passed to the scheduler at once, the first
     * time only, and only for a connection that became ready (a failed set-up is a connect failure).
     *
     * @return whether the sample was passed on
     */
    public boolean transport(TransportSample sample) {
        if (transportReported || !ready || sample == null) {
            return false;
        }
        transportReported = true;
        events.onTransport(connection, sample);
        return true;
    }

    /** Whether this connection's transport figures were passed on already: the engine need not read them again. */
    public boolean transportReported() {
        return transportReported;
    }

    /** Sweeps the live streams now in the state of quiver's close (the transport may linger). */
    public void sweepClosed() {
        if (closeState != null) {
            streams.sweep(closeState, closeCategory);
        }
    }

    /** The connect itself failed: nothing was ready; ends once with this category for the scheduler. */
    public boolean connectFailed(String category, Throwable cause) {
        if (ended) {
            return false;
        }
        ended = true;
        streams.sweep(StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("connect failed"));
        events.onConnectFailed(category, cause);
        return true;
    }

    /**
     * The connection is over: sweeps what is live, then tells the scheduler. Runs once; false when
     * it had run already.
     *
     * @param defaultLoss the category of the streams swept when no cause was noted and quiver did not close
     */
    public boolean end(String defaultLoss) {
        return end(defaultLoss, null);
    }

    /** As {@link #end(String)}; {@code cause} goes with a connect failure. */
    public boolean end(String defaultLoss, Throwable cause) {
        if (ended) {
            return false;
        }
        ended = true;
        if (closeState != null) {
            streams.sweep(closeState, closeCategory);
        } else {
            streams.sweep(StreamState.CONNECTION_LOST, lossCategory != null ? lossCategory : defaultLoss);
        }
        if (!ready) {
            // It never got ready: for the scheduler this was a failed connect, not a lost connection.
            events.onConnectFailed(setupFailure.apply(lossCategory), cause);
        } else {
            events.onClosed(connection, closeState == null && (!draining || peerError));
        }
        return true;
    }

    @Override
    public String toString() {
        return (ended ? "ended" : closeState != null ? "closing" : draining ? "draining" : ready ? "ready" : "set-up")
                + (lossCategory != null ? " (" + lossCategory + ")" : "");
    }
}
