package dev.quiver.core.leak;

import java.util.Locale;

/** Values of a resource in words a reader takes in at once: {@code 12.5 MiB}, {@code 340}, {@code 1.2 s}. */
public final class Units {

    private Units() {
    }

    public static String format(double value, Resource.Unit unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return switch (unit) {
            case BYTES -> bytes(value);
            case COUNT -> Math.abs(value) >= 100 || value == Math.rint(value)
                    ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
            case MILLIS -> Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%.1f s", value / 1000)
                    : String.format(Locale.ROOT, "%.0f ms", value);
        };
    }

    private static String bytes(double v) {
        double a = Math.abs(v);
        if (a >= 1024.0 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f GiB", v / (1024.0 * 1024 * 1024));
        }
        if (a >= 1024.0 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", v / (1024.0 * 1024));
        }
        if (a >= 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", v / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", v);
    }
}
