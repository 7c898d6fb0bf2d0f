package dev.quiver.core.engine;

/**
 * Turns a target into connections. An engine never decides when to send: the scheduler does, by
 * calling {@link Connection#start}. It reports what happens through {@link ConnectionEvents} and
 * ends every stream through the {@link dev.quiver.core.stream.StreamTracker}.
 */
public interface Engine extends AutoCloseable {

    /** Opens one connection in the background; the outcome arrives on {@code events}. */
    void connect(ConnectionEvents events);

    /** Closes every connection still open and frees the engine's threads. Waits until done. */
    @Override
    void close();
}
