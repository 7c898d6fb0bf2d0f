package dev.quiver.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test clock the scheduler and tracker tests stand on: order, periods, waits, and its refusals. */
@Timeout(10)
class SimulatedClockTest {

    private final SimulatedClock clock = new SimulatedClock();

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void eventsRunInTimeOrderAndFirstComeFirstRunAtTheSameInstant() {
        List<String> ran = new ArrayList<>();
        Timer a = clock.newTimer("a");
        Timer b = clock.newTimer("b");
        a.schedule(() -> ran.add("a@20"), ms(20));
        b.schedule(() -> ran.add("b@10"), ms(10));
        a.schedule(() -> ran.add("a@10"), ms(10));
        b.execute(() -> {
            ran.add("b@0");
            b.execute(() -> ran.add("b@0 again"));
        });
        clock.advance(Duration.ofMillis(15));
        assertEquals(List.of("b@0", "b@0 again", "b@10", "a@10"), ran);
        assertEquals(Duration.ofMillis(15), clock.elapsed(), "advance leaves the clock where it was asked to");
        clock.advance(Duration.ofMillis(5));
        assertEquals("a@20", ran.get(4));
    }

    @Test
    void periodicTasksRepeatAndStopWhenTheirTimerCloses() {
        List<Long> at = new ArrayList<>();
        Timer t = clock.newTimer("t");
        long origin = clock.nanoTime();
        t.scheduleAtFixedRate(() -> at.add((clock.nanoTime() - origin) / 1_000_000), ms(5), ms(10));
        clock.advance(Duration.ofMillis(30));
        assertEquals(List.of(5L, 15L, 25L), at);
        t.close();
        t.schedule(() -> at.add(-1L), 0);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, at.size(), "a closed timer runs nothing");
    }

    @Test
    void cancelledTasksDoNotRun() {
        List<String> ran = new ArrayList<>();
        Timer.Cancellable c = clock.newTimer("t").schedule(() -> ran.add("x"), ms(1));
        c.cancel();
        clock.advance(Duration.ofMillis(5));
        assertTrue(ran.isEmpty());
    }

    @Test
    void awaitRunsEventsUntilTheLatchOpensOrTheTimeoutPasses() throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        clock.newTimer("t").schedule(latch::countDown, ms(300));
        assertFalse(clock.await(latch, ms(100)));
        assertEquals(Duration.ofMillis(100), clock.elapsed());
        assertTrue(clock.await(latch, Long.MAX_VALUE));
        assertEquals(Duration.ofMillis(300), clock.elapsed());
    }

    @Test
    void aWaitNothingCanEndIsAnErrorNotAHang() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> clock.await(new CountDownLatch(1), Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("stalled"), e.getMessage());
    }

    @Test
    void aSleepLoopSleepsAsItsStepAsksAndAWakeCutsTheSleepShort() {
        List<Long> rounds = new ArrayList<>();
        long origin = clock.nanoTime();
        SleepLoop loop = clock.newSleepLoop("loop", now -> {
            rounds.add((now - origin) / 1_000_000);
            return ms(100);
        });
        loop.wake(); // before start: nothing to wake
        loop.start();
        clock.advance(Duration.ofMillis(150));
        assertEquals(List.of(0L, 100L), rounds);
        loop.wake();
        clock.advance(Duration.ofMillis(10));
        assertEquals(List.of(0L, 100L, 150L), rounds);
        loop.stop();
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, rounds.size(), "a stopped loop runs no more rounds");
    }

    @Test
    void aSecondThreadIsRefused() throws Exception {
        clock.nanoTime();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                clock.nanoTime();
            } catch (Throwable t) {
                seen.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
    }
}
