package dev.quiver.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The system clock's own threads: here the real thing is the point, so these wait for real (briefly). */
@Timeout(10)
class SystemClockTest {

    private final Clock clock = Clock.system();

    @Test
    void aWakeCutsALongSleepShortAndJoinEndsTheThread() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        SleepLoop loop = clock.newSleepLoop("test-loop", now -> {
            rounds.incrementAndGet();
            second.countDown();
            return TimeUnit.HOURS.toNanos(1);
        });
        loop.start();
        long t0 = System.nanoTime();
        loop.wake();
        assertTrue(second.await(5, TimeUnit.SECONDS), "a wake ends the hour's sleep");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        loop.join(5_000);
        int after = rounds.get();
        loop.wake();
        assertEquals(after, rounds.get(), "no round after join");
    }

    @Test
    void aTimerRunsInOrderAndAClosedOneDropsWhatIsLeft() throws Exception {
        Timer timer = clock.newTimer("test-timer");
        CountDownLatch ran = new CountDownLatch(1);
        AtomicInteger late = new AtomicInteger();
        timer.schedule(ran::countDown, TimeUnit.MILLISECONDS.toNanos(1));
        timer.schedule(late::incrementAndGet, TimeUnit.SECONDS.toNanos(30));
        assertTrue(clock.await(ran, TimeUnit.SECONDS.toNanos(5)));
        timer.close();
        timer.execute(late::incrementAndGet); // dropped without an exception
        assertEquals(0, late.get());
    }

    @Test
    void awaitUntilGivesUpAfterItsTimeout() {
        long t0 = System.nanoTime();
        assertFalse(clock.awaitUntil(() -> false, Duration.ofMillis(20).toNanos()));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(20).toNanos());
        assertTrue(clock.awaitUntil(() -> true, 0));
    }
}
