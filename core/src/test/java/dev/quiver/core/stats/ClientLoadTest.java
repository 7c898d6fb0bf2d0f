package dev.quiver.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.LoopThreads;
import dev.quiver.core.report.ClientBound;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * quiver's watch on itself: a loop thread that never rests is found saturated, one that mostly
 * sleeps is not, and an engine without loops is measured by process CPU only.
 */
@Timeout(20)
class ClientLoadTest {

    /** Runs {@code work} on one thread made by {@code loops}' factory until {@code stop} is set. */
    private static Thread loopThread(LoopThreads loops, Runnable work, AtomicBoolean stop, CountDownLatch running) {
        ThreadFactory f = loops.wrap(Executors.defaultThreadFactory());
        Thread t = f.newThread(() -> {
            running.countDown();
            while (!stop.get()) {
                work.run();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static ClientBound watch(LoopThreads loops, long millis, int samples) throws InterruptedException {
        ClientLoad load = new ClientLoad(loops);
        load.start();
        for (int i = 0; i < samples; i++) {
            Thread.sleep(millis / samples);
            load.sample();
        }
        return load.result();
    }

    @Test
    void aLoopThatNeverRestsIsSaturated() throws Exception {
        LoopThreads loops = new LoopThreads();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        long[] sink = new long[1];
        Thread t = loopThread(loops, () -> sink[0] += System.nanoTime() & 1, stop, running);
        try {
            assertTrue(running.await(5, TimeUnit.SECONDS));
            // Up to three windows: time the hypervisor takes from this machine (steal) is neither run
            // nor wait in schedstat, so a window of a loaded CI machine may see the loop half idle.
            ClientBound c = watch(loops, 600, 3);
            for (int attempt = 1; attempt < 3 && c.busiestLoopShare() < ClientBound.SATURATED; attempt++) {
                c = watch(loops, 600, 3);
            }
            assertEquals(1, c.loops());
            assertTrue(c.busiestLoopShare() >= ClientBound.SATURATED, "a spinning loop: " + c);
            assertTrue(c.saturated(), c.toString());
            // Most intervals, not every one: a 200 ms interval can lose its thread to the JIT or a safepoint on 2 cores.
            assertTrue(c.saturatedShare() > 0.5, "most intervals saturated: " + c);
            assertTrue(c.cpuSeconds() > 0, c.toString());
            assertTrue(c.measured().contains("1 event-loop thread"), c.measured());
        } finally {
            stop.set(true);
            t.join(2_000);
        }
    }

    @Test
    void aLoopThatMostlyWaitsForWorkIsNot() throws Exception {
        LoopThreads loops = new LoopThreads();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        Thread t = loopThread(loops, () -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, stop, running);
        try {
            assertTrue(running.await(5, TimeUnit.SECONDS));
            // Up to three windows: time the hypervisor takes from this machine (steal) is neither run
            // nor wait in schedstat, so a window of a loaded CI machine may see the loop half idle.
            ClientBound c = watch(loops, 600, 3);
            for (int attempt = 1; attempt < 3 && c.busiestLoopShare() < ClientBound.SATURATED; attempt++) {
                c = watch(loops, 600, 3);
            }
            assertEquals(1, c.loops());
            assertTrue(c.busiestLoopShare() < 0.5, "a loop that sleeps 20 ms at a time: " + c);
            assertTrue(c.busiestLoopWaitShare() <= c.busiestLoopShare(), c.toString());
            assertFalse(c.saturated(), c.toString());
        } finally {
            stop.set(true);
            t.join(2_000);
        }
    }

    /** A loop that spins on a core but says the spinning found nothing to do (--busy-poll) is neither busy nor load. */
    @Test
    void aLoopSpinningIdleIsNotLoad() throws Exception {
        LoopThreads loops = new LoopThreads();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        Thread t = loopThread(loops, () -> {
            long start = System.nanoTime();
            while (System.nanoTime() - start < 1_000_000) {
                Thread.onSpinWait();
            }
            loops.current().addIdle(System.nanoTime() - start);
        }, stop, running);
        try {
            assertTrue(running.await(5, TimeUnit.SECONDS));
            // The process's CPU around the window, and the loop's time on a core in it: other threads
            // of this JVM (the JIT, other tests) use CPU too, and a loaded machine takes cores from
            // the loop, so the check is against both as measured.
            LoopThreads.LoopThread loop = loops.live().get(0);
            long cpuBefore = ClientLoad.processCpuNanos();
            long runBefore = loop.busy().runNanos();
            ClientBound c = watch(loops, 600, 3);
            double cpu = (ClientLoad.processCpuNanos() - cpuBefore) / 1e9;
            double loopOnCore = (loop.busy().runNanos() - runBefore) / 1e9;
            assertEquals(1, c.loops());
            assertTrue(c.busiestLoopShare() < 0.5, "a loop that only spins idle: " + c);
            assertTrue(loopOnCore > 0.1, "the loop spun on a core: " + loopOnCore + " s");
            assertTrue(c.cpuSeconds() < cpu - 0.5 * loopOnCore, "its spinning is not the process's load: process "
                    + cpu + " s, the loop on a core " + loopOnCore + " s, " + c);
            assertFalse(c.saturated(), c.toString());
            assertTrue(c.measured().contains("idle spinning (--busy-poll) not counted"), c.measured());
        } finally {
            stop.set(true);
            t.join(2_000);
        }
    }

    @Test
    void anEngineWithoutLoopsIsMeasuredByProcessCpuOnly() throws Exception {
        ClientBound c = watch(LoopThreads.none(), 200, 2);
        assertEquals(0, c.loops());
        assertTrue(Double.isNaN(c.busiestLoopShare()), c.toString());
        assertTrue(c.sampledSeconds() > 0.15, c.toString());
        assertTrue(c.measured().contains("process CPU only"), c.measured());
    }

    @Test
    void nothingIsMeasuredBeforeTheMeasuredPartStarts() {
        ClientLoad load = new ClientLoad(LoopThreads.none());
        load.sample();
        assertEquals(0, load.result().sampledSeconds());
        assertFalse(load.result().saturated());
    }
}
