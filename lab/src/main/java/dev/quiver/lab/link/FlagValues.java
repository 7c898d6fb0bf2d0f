package dev.quiver.lab.link;

import dev.quiver.lab.impair.Blackhole;
import dev.quiver.lab.impair.QueueLimit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of the lab's flags as people write them. Every error is an
 * {@link IllegalArgumentException} whose message is one line with an example.
 */
public final class FlagValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(bit|kbit|mbit|gbit)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%?");
    private static final Pattern PACKETS = Pattern.compile("(\\d+)\\s*(?:p|pkt|pkts|packets)?");

    private FlagValues() {
    }

    /** {@code 40ms}, {@code 1.5s}, {@code 250us}: a unit is required (a bare 40 is ambiguous). */
    public static long durationNanos(String flag, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + ": invalid duration '" + text + "' (examples: 40ms, 1.5s, 250us)");
        }
        double n = Double.parseDouble(m.group(1));
        double nanos = switch (m.group(2)) {
            case "us" -> n * 1e3;
            case "ms" -> n * 1e6;
            case "m" -> n * 60e9;
            case "h" -> n * 3600e9;
            default -> n * 1e9;
        };
        if (nanos > 3600e9) {
            throw new IllegalArgumentException(flag + ": " + text + " is more than an hour");
        }
        return Math.round(nanos);
    }

    /** {@code 10mbit}, {@code 512kbit}, {@code 1gbit}: bits per second, decimal prefixes (as tc writes them). */
    public static long rateBitsPerSecond(String flag, String text) {
        Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + ": invalid rate '" + text + "' (examples: 10mbit, 512kbit, 1gbit)");
        }
        double n = Double.parseDouble(m.group(1));
        double bps = switch (m.group(2)) {
            case "kbit" -> n * 1e3;
            case "mbit" -> n * 1e6;
            case "gbit" -> n * 1e9;
            default -> n;
        };
        if (bps < 8_000 || bps > 100e9) {
            throw new IllegalArgumentException(flag + ": rate " + text + " is outside 8kbit..100gbit");
        }
        return Math.round(bps);
    }

    /** {@code 1%}, {@code 0.5%}, or a bare {@code 1} (percent too, as netem reads it); returns a probability. */
    public static double probability(String flag, String text) {
        Matcher m = PERCENT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + ": invalid percentage '" + text + "' (examples: 1%, 0.5%)");
        }
        double p = Double.parseDouble(m.group(1)) / 100;
        if (p > 1) {
            throw new IllegalArgumentException(flag + ": " + text + " is more than 100%");
        }
        return p;
    }

    /** {@code 50ms} (the longest a packet may wait) or {@code 100}/{@code 100p} (packets). */
    public static QueueLimit queue(String flag, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher p = PACKETS.matcher(t);
        if (p.matches()) {
            int n = Integer.parseInt(p.group(1));
            if (n < 1 || n > 1_000_000) {
                throw new IllegalArgumentException(flag + ": queue of " + text + " packets is outside 1..1000000");
            }
            return QueueLimit.ofPackets(n);
        }
        if (!DURATION.matcher(t).matches()) {
            throw new IllegalArgumentException(flag + ": invalid queue '" + text + "' (a time like 50ms, or packets like 100p)");
        }
        long nanos = durationNanos(flag, t);
        if (nanos <= 0) {
            throw new IllegalArgumentException(flag + ": the queue must hold more than 0ms");
        }
        return QueueLimit.ofTime(nanos);
    }

    /** A mean burst length in packets, at least 1. */
    public static double burst(String flag, String text) {
        try {
            double b = Double.parseDouble(text.trim());
            if (b >= 1 && b <= 10_000) {
                return b;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(flag + ": invalid mean burst length '" + text + "' (packets, at least 1; example: 3)");
    }

    /** {@code 5s/2s}: working for 5 s, then dark for 2 s, repeated. */
    public static Blackhole blackhole(String flag, String text) {
        String[] parts = text.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException(flag + ": invalid schedule '" + text + "' (UP/DARK, example: 5s/2s)");
        }
        long up = durationNanos(flag, parts[0]);
        long dark = durationNanos(flag, parts[1]);
        if (up <= 0 || dark <= 0) {
            throw new IllegalArgumentException(flag + ": both periods must be longer than 0 (example: 5s/2s)");
        }
        return new Blackhole(up, dark, 0);
    }

    /** A rebinding period: a duration of at least 10 ms. */
    public static long every(String flag, String text) {
        long nanos = durationNanos(flag, text);
        if (nanos < 10_000_000L) {
            throw new IllegalArgumentException(flag + ": rebinding more often than every 10ms is not a NAT (example: 5s)");
        }
        return nanos;
    }

    /** A cap on packets hit in a row: a whole number, 1..1000. */
    public static int maxRun(String flag, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(flag + ": invalid run length '" + text + "' (packets in a row, 1..1000; example: 3)");
    }
}
