package dev.quiver.core.schedule;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long a connection slot waits before its next connect after consecutive failures: 20 ms
 * doubling to 1 s, or, when this machine ran out of something, 250 ms doubling to 5 s. Not
 * thread-safe: its slot calls it under its own lock.
 */
final class ReconnectBackoff {

    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * A connect that failed because this machine ran out of something (descriptors, local ports,
     * socket memory) waits longer: trying again at once cannot succeed and only burns the CPU the
     * open connections need. With every slot in that state, the attempts stay below c / 5 s.
     */
    private static final long LOCAL_MAX_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long LOCAL_FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private int consecutiveFailures;

    /** A connect succeeded: the next failure starts over. */
    void reset() {
        consecutiveFailures = 0;
    }

    /**
     * One more failure in a row.
     *
     * @param localShortage whether it failed for want of a local resource
     * @return the wait before the next try, in nanoseconds
     */
    long next(boolean localShortage) {
        consecutiveFailures++;
        long first = localShortage ? LOCAL_FIRST_NANOS : FIRST_NANOS;
        long max = localShortage ? LOCAL_MAX_NANOS : MAX_NANOS;
        long backoff = Math.min(max, first << Math.min(10, consecutiveFailures - 1));
        // Slots that failed together do not all come back in the same instant.
        return backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
    }
}
