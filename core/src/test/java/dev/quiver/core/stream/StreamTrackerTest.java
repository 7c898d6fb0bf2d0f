package dev.quiver.core.stream;

import static dev.quiver.core.stream.TrackerEvents.IGNORE;
import static dev.quiver.core.stream.TrackerEvents.assertOnlyTerminal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.stream.TrackerEvents.Event;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way one stream ends: once, counted, out of the map, heard by the listener. */
@Timeout(30)
class StreamTrackerTest {

    @ParameterizedTest
    @EnumSource(StreamState.class)
    void everyTerminalStateIsCountedOnceAndLeavesTheMap(StreamState state) {
        TrackerEvents listener = new TrackerEvents();
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener)) {
            ConnectionStreams conn = tracker.register(IGNORE);
            long intended = System.nanoTime() - 1_000;
            StreamRecord r = conn.open(1, intended, 0);

            assertSame(r, conn.get(1));
            assertEquals(1, conn.liveCount());
            TrackerCounts open = tracker.counts();
            assertEquals(1, open.opened());
            assertEquals(1, open.live());
            assertEquals(0, open.terminalSum());
            assertFalse(r.isEnded());
            assertEquals(intended, r.intendedStartNanos());
            assertTrue(r.startNanos() >= intended);

            String category = state == StreamState.COMPLETED ? null : state.key() + ": code 7";
            assertTrue(r.end(state, category), "the first end() ends the stream");

            assertTrue(r.isEnded());
            assertNull(conn.get(1), "the record left the map");
            assertEquals(0, conn.liveCount());
            TrackerCounts c = tracker.counts();
            assertEquals(1, c.opened());
            assertEquals(0, c.live());
            assertEquals(0, c.doubleTerminal());
            assertOnlyTerminal(c, state, 1);
            assertTrue(c.balanced(), c.toString());

            assertEquals(1, listener.events.size());
            Event e = listener.events.get(0);
            assertSame(r, e.stream());
            assertEquals(state, e.state());
            assertEquals(category, e.category());
            assertTrue(e.endNanos() >= r.startNanos());
        }
    }

    @Test
    void secondEndReturnsFalseAndIsCountedAsDoubleTerminal() {
        TrackerEvents listener = new TrackerEvents();
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener)) {
            ConnectionStreams conn = tracker.register(IGNORE);
            StreamRecord r = conn.open(3, System.nanoTime(), 0);
            assertTrue(r.end(StreamState.COMPLETED, null));
            assertFalse(r.end(StreamState.RESET_BY_PEER, "reset_by_peer: CANCEL"));
            assertFalse(r.end(StreamState.COMPLETED, null));

            TrackerCounts c = tracker.counts();
            assertEquals(2, c.doubleTerminal());
            assertOnlyTerminal(c, StreamState.COMPLETED, 1);
            assertEquals(1, c.opened());
            assertEquals(0, c.live());
            assertFalse(c.balanced(), "a double terminal event breaks the invariant");
            assertEquals(1, listener.events.size(), "the listener hears only the first end");
        }
    }

    @Test
    void afterTheCutOffACompletionEndsCancelledAndOtherEndsStayAsTheyAre() {
        TrackerEvents listener = new TrackerEvents();
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener)) {
            ConnectionStreams conn = tracker.register(IGNORE);
            StreamRecord before = conn.open(1, System.nanoTime(), 0);
            StreamRecord late = conn.open(3, System.nanoTime(), 0);
            StreamRecord reset = conn.open(5, System.nanoTime(), 0);
            assertTrue(before.end(StreamState.COMPLETED, null));

            tracker.cutOff("cancelled: run ended");
            assertTrue(late.end(StreamState.COMPLETED, null), "still the stream's one terminal event");
            assertTrue(reset.end(StreamState.RESET_BY_PEER, "reset_by_peer: CANCEL"));

            TrackerCounts c = tracker.counts();
            assertEquals(1, c.terminal(StreamState.COMPLETED));
            assertEquals(1, c.terminal(StreamState.CANCELLED));
            assertEquals(1, c.terminal(StreamState.RESET_BY_PEER));
            assertEquals(0, c.doubleTerminal());
            assertEquals(0, c.live());
            assertTrue(c.balanced(), c.toString());
            assertEquals(StreamState.CANCELLED, listener.events.get(1).state());
            assertEquals("cancelled: run ended", listener.events.get(1).category());
        }
    }

    @Test
    void duplicateLiveStreamIdThrowsAndLeavesTheBooksAlone() {
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, null)) {
            ConnectionStreams conn = tracker.register(IGNORE);
            StreamRecord r = conn.open(5, System.nanoTime(), 0);
            assertThrows(IllegalStateException.class, () -> conn.open(5, System.nanoTime(), 0));
            assertSame(r, conn.get(5), "the live stream is still the first one");
            assertEquals(1, tracker.counts().opened());
            assertEquals(1, tracker.counts().live());

            // The same id on another connection is a different stream.
            ConnectionStreams other = tracker.register(IGNORE);
            StreamRecord r2 = other.open(5, System.nanoTime(), 0);
            assertTrue(r.end(StreamState.COMPLETED, null));
            assertTrue(r2.end(StreamState.COMPLETED, null));
            assertTrue(tracker.counts().balanced(), tracker.counts().toString());
        }
    }

    @Test
    void streamTimesComeFromTheTrackersClock() {
        SimulatedClock clock = new SimulatedClock();
        TrackerEvents listener = new TrackerEvents();
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener, clock)) {
            ConnectionStreams conn = tracker.register(IGNORE);
            long intended = clock.nanoTime() - 1_000;
            StreamRecord r = conn.open(1, intended, 0);
            assertEquals(clock.nanoTime(), r.startNanos(), "a stream starts when it opens");
            clock.advance(Duration.ofMillis(3));
            assertTrue(r.end(StreamState.COMPLETED, null));
            assertEquals(r.startNanos() + Duration.ofMillis(3).toNanos(), listener.events.get(0).endNanos());
        }
    }
}
