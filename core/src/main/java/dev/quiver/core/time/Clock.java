package dev.quiver.core.time;

import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * Where the scheduler and the stream tracker get their time and their waits from: the system's
 * clock in a run, a simulated one in tests that are about time, so that a test of a 60 s run or
 * a 30 s timeout neither sleeps nor depends on how busy the machine is.
 *
 * <p>Everything that waits for time goes through here: reading the time, tasks run after a delay
 * ({@link Timer}), a thread that paces itself ({@link SleepLoop}) and blocking until something
 * happened. A simulated clock runs its events on the thread that waits, in time order.
 */
public interface Clock {

    /** The system's clock: {@link System#nanoTime()}, real threads, real waits. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** Monotonic time in nanoseconds, with the meaning of {@link System#nanoTime()}: only differences count. */
    long nanoTime();

    /** A timer that runs its tasks one at a time; on the system clock on one daemon thread named {@code name}. */
    Timer newTimer(String name);

    /** A thread named {@code name} that runs {@code step}, then sleeps as long as the step asked, unless woken. */
    SleepLoop newSleepLoop(String name, SleepLoop.Step step);

    /**
     * Blocks until the latch opens or {@code timeoutNanos} have passed on this clock.
     *
     * @param timeoutNanos {@link Long#MAX_VALUE} to wait without a limit
     * @return true when the latch opened
     */
    boolean await(CountDownLatch latch, long timeoutNanos) throws InterruptedException;

    /**
     * Blocks until {@code condition} holds or {@code timeoutNanos} have passed on this clock; the
     * system clock looks every 2 ms. For conditions that no latch signals (every connection closed).
     *
     * @return true when the condition held
     */
    boolean awaitUntil(BooleanSupplier condition, long timeoutNanos);
}
