package dev.quiver.core.threshold;

import java.util.Locale;

/** What kind of number a threshold's figure is, and how a report writes it. */
public enum Unit {
    /** Milliseconds (latency, first byte, connection phases). */
    MILLIS("ms"),
    /** Completed requests per second. */
    PER_SECOND("req/s"),
    /** A share from 0 to 1, written as a percentage. */
    FRACTION("%"),
    /** A count of requests. */
    COUNT(""),
    /** 1 for yes, 0 for no. */
    BOOLEAN("");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** The unit as JSON reports name it next to a value: {@code ms}, {@code req/s}, {@code ratio}, {@code count}, {@code bool}. */
    public String key() {
        return switch (this) {
            case MILLIS -> "ms";
            case PER_SECOND -> "req/s";
            case FRACTION -> "ratio";
            case COUNT -> "count";
            case BOOLEAN -> "bool";
        };
    }

    /** A value for people: {@code 12.345 ms}, {@code 1903.2 req/s}, {@code 0.125%}, {@code 17}, {@code false}. */
    public String format(double v) {
        if (Double.isNaN(v)) {
            return "none";
        }
        return switch (this) {
            case MILLIS -> trim(String.format(Locale.ROOT, "%.3f", v)) + " " + symbol;
            case PER_SECOND -> trim(String.format(Locale.ROOT, "%.1f", v)) + " " + symbol;
            case FRACTION -> trim(String.format(Locale.ROOT, "%.4f", v * 100)) + symbol;
            case COUNT -> String.format(Locale.ROOT, "%.0f", v);
            case BOOLEAN -> v != 0 ? "true" : "false";
        };
    }

    private static String trim(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("0+$", "").replaceAll("\\.$", "") : decimal;
    }
}
