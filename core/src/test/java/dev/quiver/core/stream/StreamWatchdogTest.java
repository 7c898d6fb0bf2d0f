package dev.quiver.core.stream;

import static dev.quiver.core.stream.TrackerEvents.assertOnlyTerminal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.stream.TrackerEvents.Event;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watchdog that ends streams older than the request timeout, on a {@link SimulatedClock}: its
 * ticks run when the test lets time pass, so every age is exact. With a 50 ms timeout it looks
 * every 5 ms; with 400 ms, every 40 ms.
 */
@Timeout(30)
class StreamWatchdogTest {

    private final SimulatedClock clock = new SimulatedClock();
    private final TrackerEvents listener = new TrackerEvents();

    private static long ageMillis(Event e, StreamRecord r) {
        return Duration.ofNanos(e.endNanos() - r.startNanos()).toMillis();
    }

    @Test
    void watchdogAsksTheEngineToExpireAndTheEngineEndsItTimedOut() {
        AtomicInteger expireCalls = new AtomicInteger();
        StreamControl engine = r -> {
            expireCalls.incrementAndGet();
            r.end(StreamState.TIMED_OUT, "timed_out");
        };
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(50), listener, clock)) {
            ConnectionStreams conn = tracker.register(engine);
            StreamRecord r = conn.open(1, clock.nanoTime(), 0);
            clock.advance(Duration.ofMillis(50));
            assertEquals(0, expireCalls.get(), "a stream exactly as old as the timeout is not expired yet");
            assertFalse(r.isEnded());

            clock.advance(Duration.ofMillis(5));
            assertEquals(1, listener.events.size(), "expired at the first tick after the timeout");
            Event e = listener.events.get(0);
            assertSame(r, e.stream());
            assertEquals(StreamState.TIMED_OUT, e.state());
            assertEquals("timed_out", e.category());
            assertEquals(55, ageMillis(e, r));
            assertEquals(1, expireCalls.get());
            TrackerCounts c = tracker.counts();
            assertEquals(0, c.forcedByWatchdog());
            assertOnlyTerminal(c, StreamState.TIMED_OUT, 1);
            assertTrue(c.balanced(), c.toString());
        }
    }

    @Test
    void watchdogLeavesYoungStreamsAlone() {
        AtomicInteger expireCalls = new AtomicInteger();
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(400), null, clock)) {
            ConnectionStreams conn = tracker.register(r -> expireCalls.incrementAndGet());
            StreamRecord r = conn.open(1, clock.nanoTime(), 0);
            clock.advance(Duration.ofMillis(399));
            assertFalse(r.isEnded());
            assertEquals(0, expireCalls.get(), "a stream younger than the timeout is not expired");
            assertTrue(r.end(StreamState.COMPLETED, null));
            clock.advance(Duration.ofSeconds(5));
            assertEquals(0, expireCalls.get(), "an ended stream is never expired");
            assertTrue(tracker.counts().balanced());
        }
    }

    @Test
    void watchdogForceEndsAStreamTheEngineIgnores() {
        AtomicInteger expireCalls = new AtomicInteger();
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(50), listener, clock)) {
            ConnectionStreams conn = tracker.register(r -> expireCalls.incrementAndGet());
            StreamRecord r = conn.open(1, clock.nanoTime(), 0);
            clock.advance(Duration.ofMillis(1_100));
            assertTrue(listener.events.isEmpty(), "forced before 2 x timeout + 1 s");
            assertTrue(expireCalls.get() > 0, "the engine was asked first");

            clock.advance(Duration.ofMillis(5));
            assertEquals(1, listener.events.size());
            Event e = listener.events.get(0);
            assertSame(r, e.stream());
            assertEquals(StreamState.TIMED_OUT, e.state());
            assertEquals("timed_out: forced by watchdog", e.category());
            assertEquals(1_105, ageMillis(e, r), "forced at the first tick after 2 x timeout + 1 s");
            TrackerCounts c = tracker.counts();
            assertEquals(1, c.forcedByWatchdog());
            assertOnlyTerminal(c, StreamState.TIMED_OUT, 1);
            assertTrue(c.balanced(), c.toString());
            assertNull(conn.get(1));
        }
    }

    @Test
    void watchdogEndsTheStreamItselfWhenExpireThrows() {
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(50), listener, clock)) {
            ConnectionStreams conn = tracker.register(r -> {
                throw new IllegalStateException("engine is gone");
            });
            StreamRecord r = conn.open(1, clock.nanoTime(), 0);
            clock.advance(Duration.ofMillis(55));
            assertEquals(1, listener.events.size());
            Event e = listener.events.get(0);
            assertSame(r, e.stream());
            assertEquals(StreamState.TIMED_OUT, e.state());
            assertEquals(55, ageMillis(e, r), "ended at the tick that found it expired");
            assertTrue(tracker.counts().balanced(), tracker.counts().toString());
        }
    }

    @Test
    void aClosedTrackersWatchdogNoLongerRuns() {
        AtomicInteger expireCalls = new AtomicInteger();
        StreamTracker tracker = new StreamTracker(Duration.ofMillis(50), listener, clock);
        ConnectionStreams conn = tracker.register(r -> expireCalls.incrementAndGet());
        conn.open(1, clock.nanoTime(), 0);
        tracker.close();
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, expireCalls.get());
        assertEquals(1, tracker.counts().live());
    }
}
