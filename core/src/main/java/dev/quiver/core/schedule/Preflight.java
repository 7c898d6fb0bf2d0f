package dev.quiver.core.schedule;

import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run's first connection, which tells whether the target is there at all before any load
 * starts. Decided once: by the first connection that becomes ready, the first connect that fails,
 * a stop, or the time running out.
 */
final class Preflight {

    /** Beyond the engine's own connect timeout, which should end the attempt first. */
    private static final long GRACE_MILLIS = 2_000;

    private final CountDownLatch decided = new CountDownLatch(1);
    /** Null while undecided, then {@link #READY} or the failure. */
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();

    private record Outcome(String failure, Throwable cause) {
    }

    private static final Outcome READY = new Outcome(null, null);

    void succeeded() {
        decide(READY);
    }

    void failed(String category, Throwable cause) {
        decide(new Outcome(category, cause));
    }

    private void decide(Outcome o) {
        if (outcome.compareAndSet(null, o)) {
            decided.countDown();
        }
    }

    /**
     * Waits for the outcome.
     *
     * @throws TargetUnreachableException when the first connection could not be opened
     */
    void await(Clock clock, Duration connectTimeout) throws TargetUnreachableException {
        long waitMillis = connectTimeout.toMillis() + GRACE_MILLIS;
        try {
            if (!clock.await(decided, TimeUnit.MILLISECONDS.toNanos(waitMillis))) {
                failed(ErrorCategory.connect("timed out after " + connectTimeout.toMillis() + " ms"), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed("interrupted", null);
        }
        Outcome o = outcome.get();
        if (o.failure() != null) {
            throw new TargetUnreachableException(o.failure(), o.cause());
        }
    }
}
