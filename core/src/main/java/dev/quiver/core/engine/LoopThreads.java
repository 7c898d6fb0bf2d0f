package dev.quiver.core.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * The threads an engine runs its event loops on, so that quiver can tell whether it is itself the
 * bottleneck ({@code client_bound} in the report). An engine makes its loop threads through
 * {@link #wrap}; the reporter thread reads how busy each one was, once per interval, never the
 * engine's threads themselves.
 *
 * <p>A loop's busy time is, on Linux, the time its thread ran on a core plus the time it was ready
 * to run and waited for one ({@code /proc/self/task/TID/schedstat}): a loop that waits for a core
 * is as much a bottleneck as one that computes. Elsewhere it is the thread's CPU time. A loop that
 * spins instead of sleeping ({@code --busy-poll}) reports the time it spun finding nothing to do
 * ({@link LoopThread#addIdle}), on a core or waiting for one; that time is not busy, and its share
 * on a core is not the process's work either. The list
 * holds one entry per thread the engine's factory made (at most {@code --io-threads}); dead
 * threads are dropped when read.
 */
public final class LoopThreads {

    private static final LoopThreads NONE = new LoopThreads();
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    /** One loop thread and, on Linux, its scheduler statistics file. */
    public static final class LoopThread {
        private final Thread thread;
        private final Path schedstat;
        /** Time spun finding nothing to do; written by the loop's own thread only, read by the reporter. */
        private volatile long idleNanos;

        LoopThread(Thread thread, Path schedstat) {
            this.thread = thread;
            this.schedstat = schedstat;
        }

        public Thread thread() {
            return thread;
        }

        /**
         * How long this thread has run so far, waited for a core, and spun idle (part of both);
         * null when it cannot be told.
         */
        public Busy busy() {
            long idle = idleNanos;
            if (schedstat != null) {
                try {
                    String[] f = Files.readString(schedstat).trim().split("\\s+");
                    return new Busy(Long.parseLong(f[0]), Long.parseLong(f[1]), idle);
                } catch (IOException | RuntimeException e) {
                    // the thread has ended, or no schedstat: its CPU time below
                }
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread.threadId()) : -1;
            return cpu < 0 ? null : new Busy(cpu, 0, idle);
        }

        /**
         * The loop spun this long, on a core or waiting for one, and found nothing to do. Only from the
         * loop's own thread: with one writer, a volatile's read-add-write loses nothing.
         */
        public void addIdle(long nanos) {
            idleNanos += nanos;
        }

        /** Whether busy time includes the wait for a core (Linux schedstat), not only CPU time. */
        public boolean countsWaitForCore() {
            return schedstat != null;
        }
    }

    /**
     * A loop thread's time so far.
     *
     * @param runNanos on a core
     * @param waitNanos ready to run but waiting for a core (0 where it cannot be told)
     * @param idleNanos spun finding nothing to do ({@code --busy-poll}), on a core or waiting for one: part of the other two
     */
    public record Busy(long runNanos, long waitNanos, long idleNanos) {
    }

    private final List<LoopThread> threads = new CopyOnWriteArrayList<>();

    /** No loop threads: an engine that has no event loops of its own (kwik). */
    public static LoopThreads none() {
        return NONE;
    }

    /** A factory that makes its threads with {@code factory} and keeps each as a loop thread of this engine. */
    public ThreadFactory wrap(ThreadFactory factory) {
        if (this == NONE) {
            throw new IllegalStateException("the empty set of loop threads takes none");
        }
        return task -> factory.newThread(() -> {
            threads.add(new LoopThread(Thread.currentThread(), schedstatOfCurrentThread()));
            task.run();
        });
    }

    /** The loop thread that is calling, or null when it is none of this engine's. */
    public LoopThread current() {
        Thread me = Thread.currentThread();
        for (LoopThread t : threads) {
            if (t.thread == me) {
                return t;
            }
        }
        return null;
    }

    /** The loop threads alive now. */
    public List<LoopThread> live() {
        threads.removeIf(t -> !t.thread.isAlive());
        return new ArrayList<>(threads);
    }

    /** {@code /proc/self/task/TID/schedstat} of the calling thread, or null where there is none. */
    private static Path schedstatOfCurrentThread() {
        try {
            // "PID/task/TID": the native id of this thread, which Java does not give.
            Path self = Files.readSymbolicLink(THREAD_SELF);
            Path file = Path.of("/proc/self/task").resolve(self.getFileName().toString()).resolve("schedstat");
            return Files.isReadable(file) ? file : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
