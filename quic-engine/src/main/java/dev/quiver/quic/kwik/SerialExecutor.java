package dev.quiver.quic.kwik;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order given, on virtual threads: the "event loop" of one Kwik
 * connection. Kwik blocks, so the connection's own state lives here and the blocking
 * work runs elsewhere. It never rejects a task: one posted after the connection ended still runs,
 * and finds the connection ended.
 */
final class SerialExecutor implements Executor {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** A factory, not a builder: builders are not safe for concurrent use. */
    private final ThreadFactory threads;

    SerialExecutor(String name) {
        this.threads = Thread.ofVirtual().name(name).factory();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            threads.newThread(this::drain).start();
        }
    }

    private void drain() {
        try {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    java.util.logging.Logger.getLogger(SerialExecutor.class.getName())
                            .log(java.util.logging.Level.WARNING, "task failed on a Kwik connection", e);
                }
            }
        } finally {
            scheduled.set(false);
        }
        // A task may have arrived after the last poll and before the flag was cleared.
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            threads.newThread(this::drain).start();
        }
    }
}
