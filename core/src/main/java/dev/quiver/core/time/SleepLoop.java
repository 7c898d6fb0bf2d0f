package dev.quiver.core.time;

/**
 * One thread that paces itself: it runs its {@link Step}, sleeps as long as the step asked, and
 * runs it again; {@link #wake()} cuts a sleep short. The open model's dispatcher is one. On the
 * system clock a step costs no allocation, so a loop can run once per request.
 */
public interface SleepLoop {

    /** One round of the loop. */
    @FunctionalInterface
    interface Step {
        /**
         * @param nowNanos the clock's time as the round starts
         * @return how long to sleep before the next round, in nanoseconds; 0 or less runs it again at once
         */
        long run(long nowNanos);
    }

    void start();

    /** Ends the current or next sleep now (a wake before a sleep is kept, as a permit). */
    void wake();

    /** No round starts after the current one. */
    void stop();

    /** Stops and waits up to {@code millis} for the current round to end. */
    void join(long millis) throws InterruptedException;
}
