package dev.quiver.core.report;

import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;

/**
 * The one place where quiver's quantities change unit or become text: histograms hold
 * microseconds, reports speak milliseconds, seconds and bytes.
 */
public final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** Microseconds as milliseconds. */
    public static double millis(double micros) {
        return micros / 1000.0;
    }

    /** Microseconds as seconds. */
    public static double seconds(long micros) {
        return micros / 1e6;
    }

    /** Nanoseconds as milliseconds. */
    public static double millisFromNanos(long nanos) {
        return nanos / 1e6;
    }

    /** A duration as seconds, to the millisecond. */
    public static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** Three decimals, as reports print numbers; NaN stays NaN. */
    public static double round3(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? v : Math.round(v * 1000.0) / 1000.0;
    }

    /** Seconds as whole microseconds. */
    public static long micros(double seconds) {
        return Math.round(seconds * 1e6);
    }

    /**
     * A percentile of a histogram of microseconds, in milliseconds: {@code q >= 100} is the largest
     * value; NaN when the histogram is empty.
     */
    public static double percentileMillis(AbstractHistogram h, double q) {
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        return millis(q >= 100 ? h.getMaxValue() : h.getValueAtPercentile(q));
    }

    /** Mean of a histogram of microseconds in milliseconds; NaN when empty. */
    public static double meanMillis(AbstractHistogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0;
    }

    /** Smallest value of a histogram of microseconds in milliseconds; NaN when empty. */
    public static double minMillis(AbstractHistogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : millis(h.getMinValue());
    }

    /** A duration for people: {@code 12.345 ms}, or {@code 1.234 s} from a second on. */
    public static String formatMillis(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.3f s", ms / 1000);
        }
        return String.format(Locale.ROOT, "%.3f ms", ms);
    }

    /** Bytes for people, two decimals from a KiB on: {@code 512 B}, {@code 1.50 KiB}, {@code 3.25 MiB}. */
    public static String formatBytes(double bytes) {
        double v = bytes;
        int i = 0;
        while (Math.abs(v) >= 1024 && i < BINARY.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.2f %s", v, BINARY[i]);
    }

    /**
     * Bytes in a narrow column (leak verdicts): one decimal for KiB and MiB, two for GiB, where a
     * resource's level matters more than its last digit.
     */
    public static String formatBytesShort(double bytes) {
        double a = Math.abs(bytes);
        if (a >= 1024.0 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
        }
        if (a >= 1024.0 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        if (a >= 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", bytes);
    }

    /** A count: whole when large or whole, else two decimals ({@code 340}, {@code 2.35}). */
    public static String formatCount(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Milliseconds in a narrow column: whole milliseconds, one decimal of a second from a second on. */
    public static String formatMillisShort(double ms) {
        return Math.abs(ms) >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000)
                : String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
