package dev.quiver.core.stream;

/** Receives every stream's one terminal event, right after it left the tracker's map. */
@FunctionalInterface
public interface StreamOutcomeListener {

    /**
     * @param category bounded error text ({@code kind: protocol code}), or null for a completed stream
     * @param endNanos when the stream ended, on the tracker's clock ({@link System#nanoTime()} in a run)
     */
    void onTerminal(StreamRecord stream, StreamState state, String category, long endNanos);
}
