package dev.quiver.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class StreamTrackerTest {

    private static final StreamControl IGNORE = r -> { };

    /** One terminal event as the listener saw it. */
    record Event(StreamRecord stream, StreamState state, String category, long endNanos, String thread) {
    }

    /** A listener that keeps every event. */
    static final class Recorder implements StreamOutcomeListener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void onTerminal(StreamRecord stream, StreamState state, String category, long endNanos) {
            events.add(new Event(stream, state, category, endNanos, Thread.currentThread().getName()));
            first.countDown();
        }

        Event awaitFirst(long millis) throws InterruptedException {
            assertTrue(first.await(millis, TimeUnit.MILLISECONDS), "no terminal event within " + millis + " ms");
            return events.get(0);
        }
    }

    private static void assertOnlyTerminal(TrackerCounts c, StreamState state, long n) {
        for (StreamState s : StreamState.values()) {
            assertEquals(s == state ? n : 0, c.terminal(s), "terminal count of " + s);
        }
    }

    // ---- every terminal path ------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(StreamState.class)
    void everyTerminalStateIsCountedOnceAndLeavesTheMap(StreamState state) {
        Recorder listener = new Recorder();
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
        Recorder listener = new Recorder();
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
        Recorder listener = new Recorder();
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

    // ---- connection-level endings -------------------------------------------------------------

    @Test
    void sweepEndsEveryLiveStreamAndDeregistersTheConnection() {
        Recorder listener = new Recorder();
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
        Recorder listener = new Recorder();
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
        Recorder listener = new Recorder();
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

    // ---- watchdog -----------------------------------------------------------------------------

    @Test
    void watchdogAsksTheEngineToExpireAndTheEngineEndsItTimedOut() throws Exception {
        Recorder listener = new Recorder();
        AtomicInteger expireCalls = new AtomicInteger();
        StreamControl engine = r -> {
            expireCalls.incrementAndGet();
            r.end(StreamState.TIMED_OUT, "timed_out");
        };
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(50), listener)) {
            ConnectionStreams conn = tracker.register(engine);
            StreamRecord r = conn.open(1, System.nanoTime(), 0);
            Event e = listener.awaitFirst(3_000);

            assertSame(r, e.stream());
            assertEquals(StreamState.TIMED_OUT, e.state());
            assertEquals("timed_out", e.category());
            long ageMillis = TimeUnit.NANOSECONDS.toMillis(e.endNanos() - r.startNanos());
            assertTrue(ageMillis >= 50, "expired after " + ageMillis + " ms, before the 50 ms timeout");
            assertTrue(ageMillis < 1_000, "expired only after " + ageMillis + " ms");
            assertEquals(1, expireCalls.get());
            TrackerCounts c = tracker.counts();
            assertEquals(0, c.forcedByWatchdog());
            assertOnlyTerminal(c, StreamState.TIMED_OUT, 1);
            assertTrue(c.balanced(), c.toString());
        }
    }

    @Test
    void watchdogLeavesYoungStreamsAlone() throws Exception {
        AtomicInteger expireCalls = new AtomicInteger();
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(400), null)) {
            ConnectionStreams conn = tracker.register(r -> expireCalls.incrementAndGet());
            StreamRecord r = conn.open(1, System.nanoTime(), 0);
            Thread.sleep(150);
            assertFalse(r.isEnded());
            assertEquals(0, expireCalls.get(), "a stream younger than the timeout is not expired");
            assertTrue(r.end(StreamState.COMPLETED, null));
            Thread.sleep(500);
            assertEquals(0, expireCalls.get(), "an ended stream is never expired");
            assertTrue(tracker.counts().balanced());
        }
    }

    @Test
    void watchdogForceEndsAStreamTheEngineIgnores() throws Exception {
        Recorder listener = new Recorder();
        AtomicInteger expireCalls = new AtomicInteger();
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(50), listener)) {
            ConnectionStreams conn = tracker.register(r -> expireCalls.incrementAndGet());
            StreamRecord r = conn.open(1, System.nanoTime(), 0);
            Event e = listener.awaitFirst(5_000);

            assertSame(r, e.stream());
            assertEquals(StreamState.TIMED_OUT, e.state());
            assertEquals("timed_out: forced by watchdog", e.category());
            long ageMillis = TimeUnit.NANOSECONDS.toMillis(e.endNanos() - r.startNanos());
            assertTrue(ageMillis >= 1_100, "forced after " + ageMillis + " ms, before 2 x timeout + 1 s");
            assertTrue(ageMillis < 3_000, "forced only after " + ageMillis + " ms");
            assertTrue(expireCalls.get() > 0, "the engine was asked first");
            // The watchdog counts the forced end right after end() returns, i.e. after the listener ran.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (tracker.counts().forcedByWatchdog() == 0 && System.nanoTime() < until) {
                Thread.sleep(2);
            }
            TrackerCounts c = tracker.counts();
            assertEquals(1, c.forcedByWatchdog());
            assertOnlyTerminal(c, StreamState.TIMED_OUT, 1);
            assertTrue(c.balanced(), c.toString());
            assertNull(conn.get(1));
        }
    }

    @Test
    void watchdogEndsTheStreamItselfWhenExpireThrows() throws Exception {
        Recorder listener = new Recorder();
        try (StreamTracker tracker = new StreamTracker(Duration.ofMillis(50), listener)) {
            ConnectionStreams conn = tracker.register(r -> {
                throw new IllegalStateException("engine is gone");
            });
            StreamRecord r = conn.open(1, System.nanoTime(), 0);
            Event e = listener.awaitFirst(3_000);
            assertSame(r, e.stream());
            assertEquals(StreamState.TIMED_OUT, e.state());
            long ageMillis = TimeUnit.NANOSECONDS.toMillis(e.endNanos() - r.startNanos());
            assertTrue(ageMillis < 1_000, "ended after " + ageMillis + " ms");
            assertTrue(tracker.counts().balanced(), tracker.counts().toString());
        }
    }

    // ---- concurrency --------------------------------------------------------------------------

    /**
     * One connection as an engine sees it. The read/write lock stands for the engine's event loop:
     * an engine ends a stream and sweeps its connection on the same thread, so those never race;
     * opens are deliberately left outside the lock so that they race with sweeps.
     */
    private static final class Conn {
        final ConnectionStreams streams;
        final AtomicLong nextId = new AtomicLong(1);
        final ReentrantReadWriteLock loop = new ReentrantReadWriteLock();

        Conn(StreamTracker tracker) {
            streams = tracker.register(IGNORE);
        }
    }

    @Test
    void manyThreadsWithConcurrentSweepsKeepTheBooksBalanced() throws Exception {
        final int threads = 8;
        final int perThread = 50_000;
        final int connections = 16;
        final StreamState[] states = StreamState.values();
        final StreamState[] sweepStates = {StreamState.CONNECTION_LOST, StreamState.REFUSED, StreamState.CANCELLED};

        LongAdder events = new LongAdder();
        LongAdder[] byState = new LongAdder[states.length];
        for (int i = 0; i < byState.length; i++) {
            byState[i] = new LongAdder();
        }
        Set<StreamRecord> seen = ConcurrentHashMap.newKeySet(threads * perThread * 2);
        LongAdder seenTwice = new LongAdder();
        StreamOutcomeListener listener = (r, s, c, t) -> {
            events.increment();
            byState[s.ordinal()].increment();
            if (!seen.add(r)) {
                seenTwice.increment();
            }
        };

        try (StreamTracker tracker = new StreamTracker(Duration.ZERO, listener)) {
            AtomicReferenceArray<Conn> slots = new AtomicReferenceArray<>(connections);
            for (int i = 0; i < connections; i++) {
                slots.set(i, new Conn(tracker));
            }
            LongAdder endRefused = new LongAdder();
            LongAdder bornDead = new LongAdder();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    try {
                        go.await();
                        for (int i = 0; i < perThread; i++) {
                            Conn c = slots.get(rnd.nextInt(connections));
                            StreamRecord r = c.streams.open(c.nextId.getAndAdd(2), System.nanoTime(), 0);
                            if (r.isEnded()) {
                                bornDead.increment();
                            }
                            if (rnd.nextInt(8) == 0) {
                                continue; // left for a sweep
                            }
                            c.loop.readLock().lock();
                            try {
                                if (!r.isEnded() && !r.end(states[rnd.nextInt(states.length)], "category")) {
                                    endRefused.increment();
                                }
                            } finally {
                                c.loop.readLock().unlock();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "tracker-worker-" + t);
                workers.add(w);
                w.start();
            }
            AtomicInteger sweeps = new AtomicInteger();
            Thread sweeper = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                try {
                    go.await();
                    while (!Thread.currentThread().isInterrupted()) {
                        int i = rnd.nextInt(connections);
                        Conn old = slots.getAndSet(i, new Conn(tracker));
                        old.loop.writeLock().lock();
                        try {
                            old.streams.sweep(sweepStates[rnd.nextInt(sweepStates.length)], "swept");
                        } finally {
                            old.loop.writeLock().unlock();
                        }
                        sweeps.incrementAndGet();
                        LockSupport.parkNanos(100_000);
                    }
                } catch (InterruptedException e) {
                    // done
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "tracker-sweeper");
            sweeper.start();

            go.countDown();
            for (Thread w : workers) {
                w.join(25_000);
                assertFalse(w.isAlive(), w.getName() + " did not finish");
            }
            sweeper.interrupt();
            sweeper.join(5_000);
            assertFalse(sweeper.isAlive());
            if (failure.get() != null) {
                throw new AssertionError("a worker failed", failure.get());
            }
            for (int i = 0; i < connections; i++) {
                slots.get(i).streams.sweep(StreamState.CONNECTION_LOST, "end of test");
            }

            TrackerCounts c = tracker.counts();
            long total = (long) threads * perThread;
            assertTrue(sweeps.get() > 0, "no concurrent sweep happened");
            assertEquals(total, c.opened());
            assertEquals(0, c.live());
            assertEquals(0, c.doubleTerminal());
            assertEquals(0, c.connectionsLive(), "every swept connection left the tracker");
            assertEquals(total, c.terminalSum());
            assertTrue(c.balanced(), c.toString());
            assertEquals(0, endRefused.sum(), "end() of a live stream returned false");
            assertEquals(c.opened(), events.sum(), "the listener saw one terminal event per opened stream");
            assertEquals(0, seenTwice.sum(), "a stream reached the listener twice");
            assertEquals(total, seen.size());
            for (StreamState s : states) {
                assertEquals(c.terminal(s), byState[s.ordinal()].sum(), "listener and tracker disagree on " + s);
            }
            System.out.printf("tracker concurrency: %d streams, %d sweeps, %d opened on a swept connection%n",
                    total, sweeps.get(), bornDead.sum());
        }
    }
}
