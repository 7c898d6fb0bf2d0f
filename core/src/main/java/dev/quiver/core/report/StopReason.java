package dev.quiver.core.report;

import java.util.Locale;

/** Why a run's load ended. */
public enum StopReason {
    /** Every request of {@code -n} finished. */
    COUNT,
    /** {@code -z} ran out. */
    DURATION,
    /** Ctrl-C (or a stop from the caller). */
    INTERRUPTED;

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

    /** The reason of several runs merged: one interrupted run makes the whole interrupted, a deadline outranks a count. */
    StopReason and(StopReason other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
