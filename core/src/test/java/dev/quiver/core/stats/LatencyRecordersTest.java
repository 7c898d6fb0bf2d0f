package dev.quiver.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LatencyRecordersTest {

    /** Runs {@code body(threadIndex)} on {@code n} threads at once and waits for them. */
    private static void onThreads(int n, java.util.function.IntConsumer body) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int index = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    body.accept(index);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "writer-" + t);
            ts.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : ts) {
            th.join(20_000);
            assertFalse(th.isAlive());
        }
        if (failure.get() != null) {
            throw new AssertionError("a writer failed", failure.get());
        }
    }

    @Test
    void valuesFromOneThreadAppearInIntervalAndTotal() {
        LatencyRecorders l = new LatencyRecorders();
        for (int i = 0; i < 1_000; i++) {
            l.recordNanos(2_000_000); // 2 ms
        }
        Histogram interval = l.takeInterval();
        assertEquals(1_000, interval.getTotalCount());
        assertEquals(2_000, interval.getValueAtPercentile(50), 2);
        assertEquals(1_000, l.total().getTotalCount());
    }

    @Test
    void valuesFromSeveralThreadsAllAppearInIntervalAndTotal() throws Exception {
        LatencyRecorders l = new LatencyRecorders();
        int threads = 4;
        int perThread = 10_000;
        // Thread t records (t + 1) ms, so every thread's values can be found again.
        onThreads(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                l.recordNanos((t + 1) * 1_000_000L);
            }
        });

        Histogram interval = l.takeInterval();
        assertEquals((long) threads * perThread, interval.getTotalCount());
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, interval.getCountAtValue((t + 1) * 1_000L), "values of thread " + t);
        }
        Histogram total = l.total();
        assertEquals((long) threads * perThread, total.getTotalCount());
        assertEquals(threads * 1_000L, total.getMaxValue(), 4);
        assertEquals(1_000L, total.getMinValue(), 1);
    }

    @Test
    void takeIntervalResetsTheIntervalButNotTheTotal() throws Exception {
        LatencyRecorders l = new LatencyRecorders();
        onThreads(3, t -> {
            for (int i = 0; i < 100; i++) {
                l.recordNanos(5_000_000);
            }
        });
        assertEquals(300, l.takeInterval().getTotalCount());
        assertEquals(0, l.takeInterval().getTotalCount(), "the interval starts empty again");
        assertEquals(300, l.total().getTotalCount());

        onThreads(2, t -> l.recordNanos(7_000_000));
        Histogram interval = l.takeInterval();
        assertEquals(2, interval.getTotalCount());
        assertEquals(7_000, interval.getMaxValue(), 8);
        assertEquals(302, l.total().getTotalCount());

        l.recordNanos(1_000_000);
        Histogram all = l.takeIntervalAndTotal();
        assertEquals(303, all.getTotalCount(), "takeIntervalAndTotal takes what is left");
        assertEquals(0, l.takeInterval().getTotalCount());
    }

    @Test
    void concurrentWritersAndReporterLoseNothing() throws Exception {
        LatencyRecorders l = new LatencyRecorders();
        int threads = 4;
        int perThread = 50_000;
        long[] sampled = new long[1];
        Thread reporter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampled[0] += l.takeInterval().getTotalCount();
                Thread.onSpinWait();
            }
        }, "reporter");
        AtomicReference<Throwable> reporterFailure = new AtomicReference<>();
        reporter.setUncaughtExceptionHandler((th, e) -> reporterFailure.set(e));
        reporter.start();
        onThreads(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                l.recordNanos(1_000L * (1 + i % 5_000));
            }
        });
        reporter.interrupt();
        reporter.join(5_000);
        if (reporterFailure.get() != null) {
            throw new AssertionError("takeInterval failed while writers were recording", reporterFailure.get());
        }
        long rest = l.takeInterval().getTotalCount();
        assertEquals((long) threads * perThread, sampled[0] + rest, "intervals add up to everything recorded");
        assertEquals((long) threads * perThread, l.total().getTotalCount());
    }

    @Test
    void valuesAreMicrosecondsClampedToTheRange() {
        LatencyRecorders l = new LatencyRecorders();
        l.recordNanos(0);
        l.recordNanos(-5);
        l.recordNanos(Long.MAX_VALUE);
        Histogram h = l.takeInterval();
        assertEquals(3, h.getTotalCount());
        assertEquals(1, h.getMinValue(), "values below 1 µs count as 1 µs");
        assertTrue(h.getMaxValue() >= LatencyRecorders.HIGHEST_MICROS * 0.999, "max " + h.getMaxValue());
    }

    @Test
    void shortLivedThreadsLeaveNoRecorderBehind() throws Exception {
        LatencyRecorders l = new LatencyRecorders();
        // One thread per value, as an engine that ends each stream on a fresh thread would do.
        for (int i = 0; i < 2_000; i++) {
            Thread t = (i % 2 == 0 ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> l.recordNanos(3_000_000));
            t.join();
            if (i % 100 == 99) {
                l.takeInterval();
            }
        }
        assertEquals(2_000, l.takeIntervalAndTotal().getTotalCount(), "no value lost with its thread");
        assertTrue(l.recorderCount() <= 2, "recorders kept: " + l.recorderCount());
    }

    @Test
    void virtualThreadsRecordingAtOnceLoseNothing() throws Exception {
        LatencyRecorders l = new LatencyRecorders();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            ts.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 500; i++) {
                    l.recordNanos(4_000_000);
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        Histogram h = l.takeInterval();
        assertEquals(100_000, h.getTotalCount());
        assertEquals(4_000, h.getValueAtPercentile(50), 4);
    }
}
