package dev.quiver.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the tracker tests share: a listener that keeps every terminal event, and a check of the terminal counts. */
final class TrackerEvents implements StreamOutcomeListener {

    /** An engine that does nothing when asked to expire a stream. */
    static final StreamControl IGNORE = r -> { };

    /** One terminal event as the listener saw it. */
    record Event(StreamRecord stream, StreamState state, String category, long endNanos, String thread) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTerminal(StreamRecord stream, StreamState state, String category, long endNanos) {
        events.add(new Event(stream, state, category, endNanos, Thread.currentThread().getName()));
    }

    /** Exactly {@code n} streams ended, all in {@code state}. */
    static void assertOnlyTerminal(TrackerCounts c, StreamState state, long n) {
        for (StreamState s : StreamState.values()) {
            assertEquals(s == state ? n : 0, c.terminal(s), "terminal count of " + s);
        }
    }
}
