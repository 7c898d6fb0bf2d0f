package dev.quiver.core.engine;

/**
 * What an engine tells the scheduler about one connection. Called on the engine's threads; the
 * scheduler keeps each call short.
 */
public interface ConnectionEvents {

    /** The connection is ready for streams (handshake done, peer settings known). */
    void onReady(Connection connection, HandshakeTimes times);

    /** The connection could not be opened. {@code category} is bounded text, e.g. {@code connect: refused}. */
    void onConnectFailed(String category, Throwable cause);

    /** A stream of this connection ended, or the peer's stream limit rose: capacity may be free. */
    void onCapacity(Connection connection);

    /** The peer announced the end of this connection (GOAWAY): finish what runs, start nothing new. */
    void onDraining(Connection connection);

    /**
     * quiver retires this connection itself (a transport's own limit, see
     * {@link ConnectionLifecycle#retire}): it finishes what runs and starts nothing new, as after a
     * GOAWAY, but no GOAWAY is counted.
     */
    void onRetiring(Connection connection);

    /**
     * The connection is gone; the tracker has already swept its streams.
     *
     * @param lost true when the peer or the network ended it (not quiver, not a graceful drain)
     */
    void onClosed(Connection connection, boolean lost);

    /**
     * What the transport under a ready connection did, read by the engine just before it closed;
     * at most once per connection, before {@link #onClosed}. A connection whose transport could not
     * be read any more (a TCP socket the peer closed) has none.
     */
    default void onTransport(Connection connection, TransportSample sample) {
    }
}
