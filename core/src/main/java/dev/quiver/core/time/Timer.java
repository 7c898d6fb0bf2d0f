package dev.quiver.core.time;

import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, at once or after a delay on its {@link Clock}. Once closed it runs
 * nothing more, and what is handed to it afterwards is dropped without a word: the components
 * that use one close it at the end of a run, when a late back-off or sample no longer matters.
 */
public interface Timer extends Executor, AutoCloseable {

    /** A task handed to a timer; cancelling one that already ran does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} as soon as the timer can. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} once, {@code delayNanos} from now. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** Runs {@code task} every {@code periodNanos}, the first time {@code initialDelayNanos} from now. */
    void scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos);

    /** Runs {@code task} again {@code delayNanos} after each run ends, the first time {@code initialDelayNanos} from now. */
    void scheduleWithFixedDelay(Runnable task, long initialDelayNanos, long delayNanos);

    /** Drops every pending task and stops; does not wait for a task that is running. */
    @Override
    void close();
}
