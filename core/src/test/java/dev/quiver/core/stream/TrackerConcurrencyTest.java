package dev.quiver.core.stream;

import static dev.quiver.core.stream.TrackerEvents.IGNORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads opening, ending and sweeping at once: real threads are the point here. */
@Timeout(30)
class TrackerConcurrencyTest {

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
