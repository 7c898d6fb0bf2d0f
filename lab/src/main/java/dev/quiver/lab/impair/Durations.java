package dev.quiver.lab.impair;

import java.util.Locale;

/** Durations as the lab's flags and reports write them: {@code 40ms}, {@code 2s}, {@code 1.5ms}. */
public final class Durations {

    private Durations() {
    }

    public static String format(long nanos) {
        if (nanos % 1_000_000_000L == 0 && nanos >= 1_000_000_000L) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }

    public static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
