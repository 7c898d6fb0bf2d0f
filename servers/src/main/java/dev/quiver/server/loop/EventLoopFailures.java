package dev.quiver.server.loop;

import dev.quiver.server.metrics.ServerCounters;
import java.util.concurrent.TimeUnit;

/**
 * What a reference server's event loop does with a {@link Throwable} that escaped every handler
 * and Netty's own guards (Netty 4.2 ends the loop's thread on any {@link Error}, and on whatever a
 * logger throws while reporting another failure): it survives it, unless the JVM itself is broken.
 * A dead event loop wedges every connection and listener on it for good, which is worse for a
 * server than anything the failure may have left half done; the failure is counted instead
 * ({@link ServerCounters#eventLoopError}) and shown by whoever reads the counters.
 */
public final class EventLoopFailures {

    /** Pause after a survived failure, so that one that repeats at once does not spin a core. */
    private static final long PAUSE_MILLIS = 50;

    private EventLoopFailures() {
    }

    /**
     * True unless {@code failure} says the virtual machine is broken ({@link InternalError},
     * {@link UnknownError}). {@link LinkageError}s (a class that failed to initialise while no file
     * descriptor was free), {@link StackOverflowError} and {@link OutOfMemoryError} (direct
     * buffers, a burst of connections) leave the JVM usable, and the loop is worth keeping.
     */
    public static boolean survivable(Throwable failure) {
        return !(failure instanceof InternalError || failure instanceof UnknownError);
    }

    /** Records {@code failure} and pauses the calling loop briefly. */
    public static void survived(ServerCounters counters, Throwable failure) {
        counters.eventLoopError(failure);
        try {
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the loop sees it and shuts down if that is why
        }
    }
}
