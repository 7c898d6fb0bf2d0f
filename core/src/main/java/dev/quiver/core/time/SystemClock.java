package dev.quiver.core.time;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** {@link Clock#system()}: {@link System#nanoTime()}, daemon threads and real waits. */
final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer newTimer(String name) {
        return new SystemTimer(name);
    }

    @Override
    public SleepLoop newSleepLoop(String name, SleepLoop.Step step) {
        return new SystemSleepLoop(name, step);
    }

    @Override
    public boolean await(CountDownLatch latch, long timeoutNanos) throws InterruptedException {
        if (timeoutNanos == Long.MAX_VALUE) {
            latch.await();
            return true;
        }
        return latch.await(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean awaitUntil(BooleanSupplier condition, long timeoutNanos) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start >= timeoutNanos || Thread.currentThread().isInterrupted()) {
                return condition.getAsBoolean();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
