package dev.quiver.core.engine;

/**
 * Turns a target into connections. An engine never decides when to send: the scheduler does, by
 * calling {@link Connection#start}. It reports what happens through {@link ConnectionEvents} and
 * ends every stream through the {@link dev.quiver.core.stream.StreamTracker}.
 */
public interface Engine extends AutoCloseable {

    /** Opens one connection in the background; the outcome arrives on {@code events}. */
    void connect(ConnectionEvents events);

    /**
     * The threads this engine's event loops run on, for the check whether quiver itself is the
     * bottleneck; {@link LoopThreads#none()} for an engine without loops of its own (then only the
     * process's CPU is measured).
     */
    default LoopThreads loopThreads() {
        return LoopThreads.none();
    }

    /** Closes every connection still open and frees the engine's threads. Waits until done. */
    @Override
    void close();
}
