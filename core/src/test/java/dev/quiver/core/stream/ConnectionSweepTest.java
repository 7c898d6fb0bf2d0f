package dev.quiver.core.stream;

import static dev.quiver.core.stream.TrackerEvents.IGNORE;
import static dev.quiver.core.stream.TrackerEvents.assertOnlyTerminal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.stream.TrackerEvents.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Endings that come from the connection: a sweep when it ends, GOAWAY's refusal above the last stream id. */
@Timeout(30)
class ConnectionSweepTest {

    @Test
    void sweepEndsEveryLiveStreamAndDeregistersTheConnection() {
        TrackerEvents listener = new TrackerEvents();
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener)) {
            ConnectionStreams a = tracker.register(IGNORE);
            ConnectionStreams b = tracker.register(IGNORE);
            assertTrue(a.id() != b.id());
            StreamRecord a1 = a.open(1, System.nanoTime(), 0);
            StreamRecord a3 = a.open(3, System.nanoTime(), 0);
            StreamRecord a5 = a.open(5, System.nanoTime(), 0);
            StreamRecord b1 = b.open(1, System.nanoTime(), 0);
            assertTrue(a1.end(StreamState.COMPLETED, null));
            assertEquals(2, tracker.counts().connectionsLive());
            assertEquals(3, tracker.counts().live());

            a.sweep(StreamState.CONNECTION_LOST, "connection_lost: reset by peer");

            assertTrue(a3.isEnded());
            assertTrue(a5.isEnded());
            assertFalse(b1.isEnded(), "another connection's stream is not touched");
            assertEquals(0, a.liveCount());
            TrackerCounts c = tracker.counts();
            assertEquals(1, c.connectionsLive(), "the swept connection left the tracker");
            assertEquals(2, c.connectionsRegistered());
            assertEquals(1, c.live());
            assertEquals(1, c.terminal(StreamState.COMPLETED));
            assertEquals(2, c.terminal(StreamState.CONNECTION_LOST));
            assertEquals(0, c.doubleTerminal());
            List<Event> swept = listener.events.stream().filter(e -> e.state() == StreamState.CONNECTION_LOST).toList();
            assertEquals(2, swept.size());
            assertEquals(Set.of(a3, a5), Set.of(swept.get(0).stream(), swept.get(1).stream()));
            swept.forEach(e -> assertEquals("connection_lost: reset by peer", e.category()));

            // A second sweep (e.g. close after loss) finds nothing to do.
            a.sweep(StreamState.CANCELLED, "cancelled: run ended");
            assertEquals(c.terminalSum(), tracker.counts().terminalSum());

            b.sweep(StreamState.REFUSED, "refused: GOAWAY before processing");
            c = tracker.counts();
            assertEquals(1, c.terminal(StreamState.REFUSED));
            assertEquals(0, c.connectionsLive());
            assertTrue(c.balanced(), c.toString());
            assertEquals(4, listener.events.size());
        }
    }

    @Test
    void refuseAboveEndsOnlyStreamsAboveTheLastStreamId() {
        TrackerEvents listener = new TrackerEvents();
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener)) {
            ConnectionStreams conn = tracker.register(IGNORE);
            List<StreamRecord> rs = new ArrayList<>();
            for (long id = 1; id <= 9; id += 2) {
                rs.add(conn.open(id, System.nanoTime(), 0));
            }
            int refused = conn.refuseAbove(5, "refused: GOAWAY last_stream_id=5");
            assertEquals(2, refused);
            assertNotNull(conn.get(1));
            assertNotNull(conn.get(3));
            assertNotNull(conn.get(5));
            assertNull(conn.get(7));
            assertNull(conn.get(9));
            TrackerCounts c = tracker.counts();
            assertOnlyTerminal(c, StreamState.REFUSED, 2);
            assertEquals(3, c.live());
            assertEquals(1, c.connectionsLive(), "refuseAbove does not close the connection");
            assertEquals(Set.of(rs.get(3), rs.get(4)),
                    Set.of(listener.events.get(0).stream(), listener.events.get(1).stream()));
            listener.events.forEach(e -> assertEquals("refused: GOAWAY last_stream_id=5", e.category()));

            assertEquals(0, conn.refuseAbove(5, "refused: again"), "nothing left above 5");
            for (int i = 0; i < 3; i++) {
                assertTrue(rs.get(i).end(StreamState.COMPLETED, null));
            }
            assertTrue(tracker.counts().balanced(), tracker.counts().toString());
        }
    }

    @Test
    void streamOpenedAfterSweepIsEndedAtOnceAndNeverLive() {
        TrackerEvents listener = new TrackerEvents();
        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener)) {
            ConnectionStreams conn = tracker.register(IGNORE);
            conn.sweep(StreamState.CONNECTION_LOST, "connection_lost: closed");

            StreamRecord late = conn.open(11, System.nanoTime(), 0);

            assertTrue(late.isEnded(), "a stream on a closed connection is ended at once");
            assertNull(conn.get(11));
            assertEquals(0, conn.liveCount());
            TrackerCounts c = tracker.counts();
            assertEquals(1, c.opened());
            assertEquals(0, c.live());
            assertOnlyTerminal(c, StreamState.CONNECTION_LOST, 1);
            assertTrue(c.balanced(), c.toString());
            assertEquals(1, listener.events.size());
            assertSame(late, listener.events.get(0).stream());
            assertEquals(StreamState.CONNECTION_LOST, listener.events.get(0).state());

            // The engine's own end() for it, should it come, is a second terminal event.
            assertFalse(late.end(StreamState.COMPLETED, null));
            assertEquals(1, tracker.counts().doubleTerminal());
        }
    }
}
