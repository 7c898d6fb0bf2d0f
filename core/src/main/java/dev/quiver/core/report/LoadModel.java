package dev.quiver.core.report;

import java.util.Locale;

/**
 * How a run paced its requests. A result says which model it ran (latency means something else in
 * each), so the model lives with the results; the scheduler's workload picks it.
 */
public enum LoadModel {
    /** A request starts when a previous one ended; latency from the actual start. */
    CLOSED,
    /** Requests start on a fixed schedule; latency from the intended start (no coordinated omission). */
    OPEN;

    /** As reports write it: {@code closed}, {@code open}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
