package dev.quiver.core.time;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * A {@link Clock} for tests about time: time stands still until the thread that waits on it
 * ({@link #await}, {@link #awaitUntil}, {@link #advance}) lets it move, and then it jumps from one
 * event to the next, running each on that thread, in time order (first come, first run at the same
 * instant). A 60 s run takes milliseconds and runs the same way every time, however busy the
 * machine is.
 *
 * <p>Everything must happen on one thread: timers, sleep loops and whatever the code under test
 * hands to them. A call from a second thread is an {@link IllegalStateException}, and a wait that
 * nothing can end (no event left) throws instead of hanging.
 */
public final class SimulatedClock implements Clock {

    /** A simulation that runs this long without the awaited thing happening has gone wrong. */
    private static final long HORIZON_NANOS = Duration.ofHours(1).toNanos();

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final long origin;
    private long now;
    private long seq;
    private Thread owner;

    public SimulatedClock() {
        // Far from zero, so that code that mixes this clock's time with System.nanoTime() shows.
        this(7_000_000_000_000L);
    }

    public SimulatedClock(long originNanos) {
        this.origin = originNanos;
        this.now = originNanos;
    }

    /** Time passed on this clock since it was made. */
    public synchronized Duration elapsed() {
        checkThread();
        return Duration.ofNanos(now - origin);
    }

    @Override
    public synchronized long nanoTime() {
        checkThread();
        return now;
    }

    /** Lets {@code d} pass: runs every event due by then, in order, and leaves the clock there. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            checkThread();
            target = now + d.toNanos();
        }
        while (runNext(target)) {
            // each event may schedule more
        }
        synchronized (this) {
            now = Math.max(now, target);
        }
    }

    @Override
    public Timer newTimer(String name) {
        return new SimTimer();
    }

    @Override
    public SleepLoop newSleepLoop(String name, SleepLoop.Step step) {
        return new SimSleepLoop(step);
    }

    @Override
    public boolean await(CountDownLatch latch, long timeoutNanos) {
        return awaitUntil(() -> latch.getCount() == 0, timeoutNanos);
    }

    @Override
    public boolean awaitUntil(BooleanSupplier condition, long timeoutNanos) {
        long deadline;
        synchronized (this) {
            checkThread();
            deadline = timeoutNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos;
        }
        while (!condition.getAsBoolean()) {
            if (!runNext(deadline)) {
                synchronized (this) {
                    if (deadline == Long.MAX_VALUE) {
                        throw new IllegalStateException("simulation stalled at " + elapsed()
                                + ": nothing left to happen, and what is awaited has not happened");
                    }
                    now = Math.max(now, deadline);
                }
                return condition.getAsBoolean();
            }
            synchronized (this) {
                if (now - origin > HORIZON_NANOS) {
                    throw new IllegalStateException("simulation ran past " + elapsed() + " without what is awaited happening");
                }
            }
        }
        return true;
    }

    /** Runs the earliest event due by {@code limit}; false when there is none. */
    private boolean runNext(long limit) {
        Event e;
        synchronized (this) {
            while (true) {
                e = queue.peek();
                if (e == null || e.at - limit > 0) {
                    return false;
                }
                queue.poll();
                if (!e.cancelled && (e.timer == null || !e.timer.closed)) {
                    break;
                }
            }
            now = Math.max(now, e.at);
        }
        e.task.run();
        synchronized (this) {
            if (e.period != 0 && !e.cancelled && (e.timer == null || !e.timer.closed)) {
                e.at = now + Math.abs(e.period);
                e.seq = seq++;
                queue.add(e);
            }
        }
        return true;
    }

    private synchronized Event add(SimTimer timer, Runnable task, long delayNanos, long period) {
        checkThread();
        Event e = new Event(timer, task, now + Math.max(0, delayNanos), seq++, period);
        queue.add(e);
        return e;
    }

    private void checkThread() {
        Thread t = Thread.currentThread();
        if (owner == null) {
            owner = t;
        } else if (owner != t) {
            throw new IllegalStateException("simulated clock used from " + t.getName() + " and " + owner.getName());
        }
    }

    private static final class Event implements Comparable<Event>, Timer.Cancellable {
        final SimTimer timer;
        final Runnable task;
        /** 0 once, more than 0 every period, less than 0 again after |period| (both the same here: a task takes no time). */
        final long period;
        long at;
        long seq;
        boolean cancelled;

        Event(SimTimer timer, Runnable task, long at, long seq, long period) {
            this.timer = timer;
            this.task = task;
            this.at = at;
            this.seq = seq;
            this.period = period;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final class SimTimer implements Timer {
        volatile boolean closed;

        @Override
        public void execute(Runnable task) {
            add(this, task, 0, 0);
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            return add(this, task, delayNanos, 0);
        }

        @Override
        public void scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos) {
            add(this, task, initialDelayNanos, periodNanos);
        }

        @Override
        public void scheduleWithFixedDelay(Runnable task, long initialDelayNanos, long delayNanos) {
            add(this, task, initialDelayNanos, -delayNanos);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final class SimSleepLoop implements SleepLoop {
        private final Step step;
        private boolean started;
        private boolean running = true;
        private boolean stepping;
        private boolean woken;
        private Event pending;

        SimSleepLoop(Step step) {
            this.step = step;
        }

        @Override
        public void start() {
            started = true;
            pending = add(null, this::round, 0, 0);
        }

        private void round() {
            pending = null;
            if (!running) {
                return;
            }
            stepping = true;
            long sleep;
            try {
                sleep = step.run(nanoTime());
            } finally {
                stepping = false;
            }
            if (woken) {
                woken = false;
                sleep = 0;
            }
            if (running) {
                pending = add(null, this::round, sleep, 0);
            }
        }

        @Override
        public void wake() {
            if (!started || !running) {
                return;
            }
            if (stepping) {
                woken = true; // as a permit: the next sleep is skipped
                return;
            }
            if (pending != null && pending.at > nanoTime()) {
                pending.cancel();
                pending = add(null, this::round, 0, 0);
            }
        }

        @Override
        public void stop() {
            running = false;
            if (pending != null) {
                pending.cancel();
            }
        }

        @Override
        public void join(long millis) {
            stop();
        }
    }
}
