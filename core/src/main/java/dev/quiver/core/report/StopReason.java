package dev.quiver.core.report;

import java.util.Locale;

/** Why a run's load ended. */
public enum StopReason {
    /** Every request of {@code -n} finished. */
    COUNT,
    /** {@code -z} ran out. */
    DURATION,
    /** {@code --threshold-abort}: a threshold could no longer pass, so the run ended early (never said of a signal). */
    THRESHOLD,
    /** Ctrl-C, SIGINT (or a stop from the caller). */
    INTERRUPTED,
    /** SIGTERM: a supervisor (timeout, CI cancellation, a container stop) ended the run. */
    TERMINATED;

    /** Whether a signal (or the caller) cut the run short; a threshold that ended it is not a signal. */
    public boolean stoppedEarly() {
        return this == INTERRUPTED || this == TERMINATED;
    }

    /** As reports write it: {@code interrupted}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason a report names; an {@link IllegalArgumentException} for any other text. */
    public static StopReason parse(String key) {
        for (StopReason r : values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown stop reason '" + key + "'");
    }

    /**
     * The reason of several runs merged: a signal outranks a threshold that ended a run, which
     * outranks a deadline, which outranks a count.
     */
    StopReason and(StopReason other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
