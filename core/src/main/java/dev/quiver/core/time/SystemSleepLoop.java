package dev.quiver.core.time;

import java.util.concurrent.locks.LockSupport;

/** A {@link SleepLoop} on a daemon thread that parks between rounds; {@link #wake()} unparks it. */
final class SystemSleepLoop implements SleepLoop, Runnable {

    private final SleepLoop.Step step;
    private final Thread thread;
    private volatile boolean running = true;

    SystemSleepLoop(String name, SleepLoop.Step step) {
        this.step = step;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            long sleep = step.run(System.nanoTime());
            if (sleep > 0 && running) {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }

    @Override
    public void wake() {
        LockSupport.unpark(thread);
    }

    @Override
    public void stop() {
        running = false;
        wake();
    }

    @Override
    public void join(long millis) throws InterruptedException {
        stop();
        thread.join(millis); // returns at once for a loop never started
    }
}
