package dev.quiver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionLifecycleTest {

    /** What the scheduler heard, in order, one line per event. */
    private final List<String> heard = new ArrayList<>();
    /** What the tracker's listener saw end, one line per stream. */
    private final List<String> swept = new ArrayList<>();
    private final StreamTracker tracker = new StreamTracker(Duration.ZERO,
            (r, state, category, end) -> swept.add(state + " " + category));
    private final ConnectionStreams streams = tracker.register(r -> { });
    private final Connection connection = new NoConnection();
    private final ConnectionEvents events = new ConnectionEvents() {
        @Override
        public void onReady(Connection c, HandshakeTimes times) {
            heard.add("ready");
        }

        @Override
        public void onConnectFailed(String category, Throwable cause) {
            heard.add("connect failed: " + category + (cause != null ? " (" + cause.getMessage() + ")" : ""));
        }

        @Override
        public void onCapacity(Connection c) {
            heard.add("capacity");
        }

        @Override
        public void onDraining(Connection c) {
            heard.add("draining");
        }

        @Override
        public void onRetiring(Connection c) {
            heard.add("retiring");
        }

        @Override
        public void onClosed(Connection c, boolean lost) {
            heard.add(lost ? "lost" : "closed");
        }

        @Override
        public void onTransport(Connection c, TransportSample sample) {
            heard.add("transport " + sample.kind().key() + " srtt " + sample.srttMicros());
        }
    };
    private final ConnectionLifecycle life = new ConnectionLifecycle(connection, streams, events, "connect: closed during set-up");
    private static final HandshakeTimes TIMES = new HandshakeTimes(1, -1, -1);

    @AfterEach
    void closeTracker() {
        tracker.close();
    }

    @Test
    void readyThenLostSweepsWithTheFirstLossAndTellsLost() {
        streams.open(1, System.nanoTime(), 0);
        assertTrue(life.ready(TIMES));
        assertTrue(life.acceptsStreams());
        life.noteLoss("connection_lost: reset by peer");
        life.noteLoss("connection_lost: broken pipe");
        assertTrue(life.end("connection_lost: closed by peer"));

        assertEquals(List.of("ready", "lost"), heard);
        assertEquals(List.of("CONNECTION_LOST connection_lost: reset by peer"), swept);
        assertEquals(0, tracker.counts().connectionsLive(), "the connection left the tracker");
        assertFalse(life.acceptsStreams());
    }

    @Test
    void transportFiguresArePassedOnOnceAndOnlyForAReadyConnection() {
        assertFalse(life.transport(TransportSample.tcp(0, 100, 14_480)), "not ready: a failed set-up has no transport figures");
        assertFalse(life.transportReported());
        life.ready(TIMES);
        assertFalse(life.transport(null), "a stack that had nothing");
        assertTrue(life.transport(TransportSample.tcp(1, 200, 14_480)));
        assertTrue(life.transportReported());
        assertFalse(life.transport(TransportSample.tcp(2, 300, 14_480)), "the first sample is the connection's");
        life.end("connection_lost: closed by peer");
        assertEquals(List.of("ready", "transport tcp srtt 200", "lost"), heard);
    }

    @Test
    void readyThenClosedWithoutCauseUsesTheDefaultLoss() {
        streams.open(1, System.nanoTime(), 0);
        life.ready(TIMES);
        life.end("connection_lost: closed by peer");
        assertEquals(List.of("ready", "lost"), heard);
        assertEquals(List.of("CONNECTION_LOST connection_lost: closed by peer"), swept);
    }

    @Test
    void neverReadyIsAConnectFailureWithTheLossOrTheFallback() {
        life.noteLoss("connect: no SETTINGS from server");
        life.end("connection_lost: closed by peer");
        assertEquals(List.of("connect failed: connect: no SETTINGS from server"), heard);

        ConnectionLifecycle quiet = new ConnectionLifecycle(connection, tracker.register(r -> { }), events, "connect: closed during set-up");
        quiet.end("connection_lost: closed by peer");
        assertEquals("connect failed: connect: closed during set-up", heard.get(1));
    }

    @Test
    void connectFailedEndsOnceWithItsCause() {
        assertTrue(life.connectFailed("connect: refused", new RuntimeException("refused")));
        assertFalse(life.connectFailed("connect: timeout", null));
        assertFalse(life.end("connection_lost: closed"));
        assertFalse(life.ready(TIMES), "a connection that failed never becomes ready");
        assertEquals(List.of("connect failed: connect: refused (refused)"), heard);
    }

    @Test
    void drainThenCloseIsNotALoss() {
        life.ready(TIMES);
        streams.open(1, System.nanoTime(), 0);
        assertTrue(life.drain());
        assertFalse(life.drain(), "a second GOAWAY is not announced again");
        assertFalse(life.acceptsStreams());
        life.noteLoss("connection_lost: closed by peer");
        life.end("connection_lost: closed");
        assertEquals(List.of("ready", "draining", "closed"), heard);
        assertEquals(List.of("CONNECTION_LOST connection_lost: closed by peer"), swept);
    }

    @Test
    void retiringOnceStartsNothingNewAndItsCloseIsNotALoss() {
        life.ready(TIMES);
        life.retire();
        life.retire();
        assertFalse(life.drain(), "a GOAWAY after the retirement is not announced");
        assertFalse(life.acceptsStreams());
        life.end("connection_lost: closed");
        assertEquals(List.of("ready", "retiring", "closed"), heard);
    }

    @Test
    void peerErrorDuringDrainIsALoss() {
        life.ready(TIMES);
        life.drain();
        life.peerError("connection_lost: GOAWAY INTERNAL_ERROR");
        life.end("connection_lost: closed");
        assertEquals(List.of("ready", "draining", "lost"), heard);
    }

    @Test
    void quiversCloseWinsOverALaterLoss() {
        life.ready(TIMES);
        streams.open(1, System.nanoTime(), 0);
        life.close(StreamState.CANCELLED, "cancelled: run ended");
        life.close(StreamState.PROTOCOL_ERROR, "protocol_error: too late");
        assertFalse(life.acceptsStreams());
        life.peerError("connection_lost: reset by peer");
        life.end("connection_lost: closed");
        assertEquals(List.of("ready", "closed"), heard);
        assertEquals(List.of("CANCELLED cancelled: run ended"), swept);
    }

    @Test
    void protocolErrorSweepsAsProtocolErrorAndIsNotALoss() {
        life.ready(TIMES);
        streams.open(1, System.nanoTime(), 0);
        life.protocolError("protocol_error: connection error FRAME_SIZE_ERROR");
        life.end("connection_lost: closed");
        assertEquals(List.of("ready", "closed"), heard);
        assertEquals(List.of("PROTOCOL_ERROR protocol_error: connection error FRAME_SIZE_ERROR"), swept);
    }

    @Test
    void sweepClosedEndsStreamsBeforeTheTransportIsGoneAndTheEndFindsNothing() {
        life.ready(TIMES);
        streams.open(1, System.nanoTime(), 0);
        life.sweepClosed(); // nothing: quiver has not closed
        assertEquals(List.of(), swept);
        life.close(StreamState.CANCELLED, "cancelled: run ended");
        life.sweepClosed();
        assertEquals(List.of("CANCELLED cancelled: run ended"), swept);
        life.end("connection_lost: closed");
        assertEquals(1, swept.size());
        assertEquals(List.of("ready", "closed"), heard);
    }

    @Test
    void doubleCallsAreIgnored() {
        assertTrue(life.ready(TIMES));
        assertFalse(life.ready(TIMES));
        assertTrue(life.end("connection_lost: closed"));
        assertFalse(life.end("connection_lost: closed"));
        assertFalse(life.drain(), "no drain after the end");
        life.close(StreamState.CANCELLED, "cancelled: after the end");
        assertFalse(life.isClosing(), "a close after the end changes nothing");
        assertEquals(List.of("ready", "lost"), heard);
        assertTrue(life.isEnded());
    }

    /** The lifecycle only passes the connection on to the events; nothing of it is called. */
    private static final class NoConnection implements Connection {
        @Override
        public Protocol protocol() {
            return Protocol.HTTP_2;
        }

        @Override
        public String alpn() {
            return "";
        }

        @Override
        public int peerStreamLimit() {
            return 1;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public int openStreams() {
            return 0;
        }

        @Override
        public boolean acceptsStreams() {
            return false;
        }

        @Override
        public void start(long intendedStartNanos, int attempt, int request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close(StreamState sweepState, String reason) {
            throw new UnsupportedOperationException();
        }
    }
}
