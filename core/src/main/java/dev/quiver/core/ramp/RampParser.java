package dev.quiver.core.ramp;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes a ramp's stages: {@code DURATION:VALUE} holds a value, {@code
 * DURATION:FROM->TO} goes linearly from one to the other; stages are separated by commas and run
 * in order. Durations as for {@code -z} ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a
 * bare number is seconds). Rates are requests per second (decimals allowed), connection counts
 * whole numbers. A malformed string is an {@link IllegalArgumentException} whose message is one
 * line naming the flag and the stage.
 */
final class RampParser {

    /** Highest arrival rate a stage may ask for: beyond what one process can start. */
    static final double MAX_RATE = 10_000_000;
    /** Highest connection count, as for {@code -c}. */
    static final int MAX_CONNECTIONS = 1_000_000;
    /** Longest ramp: a day. */
    static final Duration MAX_TOTAL = Duration.ofHours(24);

    private static final Pattern STAGE = Pattern.compile(
            "\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*:\\s*(\\d+(?:\\.\\d+)?)\\s*(?:->\\s*(\\d+(?:\\.\\d+)?)\\s*)?");

    private RampParser() {
    }

    static Ramp parse(RampKind kind, String text) {
        String flag = kind.flag();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(flag + ": no stages (example: " + example(kind) + ")");
        }
        String[] parts = text.split(",", -1);
        if (parts.length > Ramp.MAX_STAGES) {
            throw new IllegalArgumentException(flag + ": more than " + Ramp.MAX_STAGES + " stages");
        }
        List<Stage> stages = new ArrayList<>(parts.length);
        Duration total = Duration.ZERO;
        for (int i = 0; i < parts.length; i++) {
            Stage s = stage(kind, parts[i], i + 1);
            total = total.plus(s.duration());
            stages.add(s);
        }
        if (total.compareTo(MAX_TOTAL) > 0) {
            throw new IllegalArgumentException(flag + ": the stages last " + formatDuration(total) + ", more than 24h");
        }
        Ramp ramp = new Ramp(kind, stages);
        if (ramp.max() <= 0) {
            throw new IllegalArgumentException(flag + ": every stage's target is 0: nothing would run");
        }
        return ramp;
    }

    private static Stage stage(RampKind kind, String part, int number) {
        String where = kind.flag() + ": stage " + number + " '" + part.strip() + "'";
        Matcher m = STAGE.matcher(part);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + " is not DURATION:VALUE or DURATION:FROM->TO (example: "
                    + example(kind) + ")");
        }
        Duration d = duration(m.group(1), m.group(2));
        if (d.isZero()) {
            throw new IllegalArgumentException(where + ": a stage lasts more than 0");
        }
        double from = value(kind, m.group(3), where);
        double to = m.group(4) == null ? from : value(kind, m.group(4), where);
        return new Stage(d, from, to);
    }

    private static double value(RampKind kind, String text, String where) {
        double v = Double.parseDouble(text);
        if (kind == RampKind.CONNECTIONS) {
            if (text.contains(".")) {
                throw new IllegalArgumentException(where + ": connection counts are whole numbers");
            }
            if (v > MAX_CONNECTIONS) {
                throw new IllegalArgumentException(where + ": at most " + MAX_CONNECTIONS + " connections");
            }
        } else if (v > MAX_RATE) {
            throw new IllegalArgumentException(where + ": at most " + (long) MAX_RATE + " requests per second");
        }
        return v;
    }

    private static Duration duration(String number, String unit) {
        double n = Double.parseDouble(number);
        double millis = switch (unit == null ? "s" : unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        if (millis > MAX_TOTAL.toMillis()) {
            return MAX_TOTAL.plusMillis(1);
        }
        return Duration.ofNanos((long) (millis * 1_000_000));
    }

    private static String example(RampKind kind) {
        return kind == RampKind.RATE ? "10s:0->1000,30s:1000,10s:1000->0" : "20s:1->200,40s:200";
    }

    static String format(Ramp ramp) {
        StringBuilder b = new StringBuilder();
        for (Stage s : ramp.stages()) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(formatDuration(s.duration())).append(':').append(number(s.from()));
            if (s.to() != s.from()) {
                b.append("->").append(number(s.to()));
            }
        }
        return b.toString();
    }

    static String formatDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return number(nanos / 1e9) + "s";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
