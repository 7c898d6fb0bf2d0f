package dev.quiver.core.stream;

/**
 * The engine's side of a connection's streams: lets the watchdog end a stream on the engine's
 * own thread, so that the engine frees its per-stream state and no event races the timeout.
 */
public interface StreamControl {

    /**
     * The stream outlived the request timeout. The engine resets it on the wire and ends it
     * through {@link StreamRecord#end} with {@link StreamState#TIMED_OUT}, unless it ended meanwhile.
     */
    void expire(StreamRecord stream);
}
