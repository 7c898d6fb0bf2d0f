package dev.quiver.cli.signal;

import dev.quiver.cli.ExitCode;
import dev.quiver.core.report.StopReason;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM ({@code timeout}, CI cancellation, {@code docker stop}, Kubernetes)
 * stop a command the same way: what runs is told to stop (a load cancels its requests in flight
 * and its report still prints), a command that runs several loads starts no further one, and a
 * second signal of either kind quits at once.
 *
 * <p>Without a handler the JVM would end on SIGTERM before anything is printed; with one, the
 * command decides when to end and exits with the code its run earned.
 */
public final class StopSignals {

    /** The signal that asked quiver to stop. */
    public enum Kind {
        /** SIGINT: Ctrl-C. */
        INT(StopReason.INTERRUPTED, "Ctrl-C (SIGINT)", ExitCode.INTERRUPTED),
        /** SIGTERM: a supervisor ends the process. */
        TERM(StopReason.TERMINATED, "SIGTERM", ExitCode.TERMINATED);

        private final StopReason stopReason;
        private final String display;
        private final int exitCode;

        Kind(StopReason stopReason, String display, int exitCode) {
            this.stopReason = stopReason;
            this.display = display;
            this.exitCode = exitCode;
        }

        /** The run's stop reason in reports: {@code interrupted} or {@code terminated}. */
        public StopReason stopReason() {
            return stopReason;
        }

        /** As a sentence names it: {@code Ctrl-C (SIGINT)}, {@code SIGTERM}. */
        public String display() {
            return display;
        }

        /** For a message: {@code interrupted by Ctrl-C (SIGINT)}, {@code terminated by SIGTERM}. */
        public String describe() {
            return stopReason.key() + " by " + display;
        }

        /** 128 + the signal's number, as a shell reports a process the signal ended. */
        public int exitCode() {
            return exitCode;
        }
    }

    private static final AtomicReference<Kind> RECEIVED = new AtomicReference<>();
    /** What stops the work under way now; null between two pieces of work. */
    private static final AtomicReference<Consumer<Kind>> CURRENT = new AtomicReference<>();
    private static boolean installed;

    private StopSignals() {
    }

    /** Handles SIGINT and SIGTERM from now on; the first call installs, later ones do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        handle("INT", Kind.INT);
        handle("TERM", Kind.TERM);
    }

    private static void handle(String name, Kind kind) {
        try {
            Signal.handle(new Signal(name), sig -> received(kind));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No such signal here, or the JVM keeps it (-Xrs): it ends the process as it would anyway.
        }
    }

    /** A signal arrived (called by the signal handler; tests call it directly). */
    static void received(Kind kind) {
        if (!RECEIVED.compareAndSet(null, kind)) {
            // the second signal: the user (or the supervisor) does not want to wait
            Runtime.getRuntime().halt(kind.exitCode());
        }
        Consumer<Kind> stop = CURRENT.getAndSet(null);
        if (stop != null) {
            stop.accept(kind);
        }
    }

    /**
     * Registers what stops the work that starts now; closing the registration removes it. When a
     * signal already came, {@code stop} runs at once.
     */
    public static Registration onStop(Consumer<Kind> stop) {
        CURRENT.set(stop);
        Kind already = RECEIVED.get();
        if (already != null && CURRENT.compareAndSet(stop, null)) {
            stop.accept(already);
        }
        return () -> CURRENT.compareAndSet(stop, null);
    }

    /** Whether a signal asked quiver to stop: a command that runs several pieces of work starts no more. */
    public static boolean stopRequested() {
        return RECEIVED.get() != null;
    }

    /** The first signal that came, or null. */
    public static Kind received() {
        return RECEIVED.get();
    }


    /** Undoes a registration; closing twice is harmless. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
