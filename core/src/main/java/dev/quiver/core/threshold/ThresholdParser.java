package dev.quiver.core.threshold;

import dev.quiver.core.report.Metric;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code FIGURE OP VALUE}: {@code p99<50ms}, {@code first_byte.p90<=20ms}, {@code rps>1900},
 * {@code error_rate<0.1%}, {@code errors{timed_out}<10}, {@code client_bound==false}. A figure
 * without a histogram's name is of latency. Every value carries what it is: a duration its unit,
 * a rate a {@code %} or a share from 0 to 1. Anything else is refused with one line naming what is wrong.
 */
final class ThresholdParser {

    /** The figures a threshold can name, for the message that lists them. */
    static final String FIGURES = "p50, p99, p99.9, max, mean (latency), first_byte.p99, connect.p99, tls_handshake.p99, "
            + "quic_handshake.p99, rps, error_rate, success_rate, errors, errors{CATEGORY}, client_bound";

    private static final Pattern SHAPE = Pattern.compile("\\s*(errors\\{[^{}]*\\}|[A-Za-z_][A-Za-z0-9_.]*)\\s*(<=|>=|==|<|>)\\s*(\\S.*?)\\s*");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s|m)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(?:\\.\\d+)?)");

    private ThresholdParser() {
    }

    static Threshold parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("threshold is empty: give FIGURE OP VALUE, e.g. p99<50ms");
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw bad(text, "expected FIGURE OP VALUE, e.g. p99<50ms or error_rate<0.1% (operators <, <=, >, >=)");
        }
        Figure figure = figure(text, m.group(1));
        Operator op = operator(m.group(2));
        if (figure.kind() == Figure.Kind.CLIENT_BOUND) {
            if (op != Operator.EQUAL) {
                throw bad(text, "client_bound is true or false: write client_bound==false");
            }
        } else if (op == Operator.EQUAL) {
            throw bad(text, "== is for client_bound only; use <, <=, > or >=");
        }
        return new Threshold(text.trim(), figure, op, value(text, figure, m.group(3)));
    }

    private static Figure figure(String text, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("errors{")) {
            String category = name.substring("errors{".length(), name.length() - 1).trim();
            if (category.isEmpty()) {
                throw bad(text, "errors{} needs a category or kind, e.g. errors{timed_out}");
            }
            return Figure.errors(category);
        }
        switch (n) {
            case "rps":
                return Figure.of(Figure.Kind.RPS);
            case "error_rate":
                return Figure.of(Figure.Kind.ERROR_RATE);
            case "success_rate":
                return Figure.of(Figure.Kind.SUCCESS_RATE);
            case "errors":
                return Figure.errors(null);
            case "client_bound":
                return Figure.of(Figure.Kind.CLIENT_BOUND);
            default:
                break;
        }
        Metric metric = Metric.LATENCY;
        String stat = n;
        int dot = n.indexOf('.');
        if (dot > 0 && !PERCENTILE.matcher(n).matches()) {
            metric = metric(text, n.substring(0, dot));
            stat = n.substring(dot + 1);
        }
        if (stat.equals("max")) {
            return Figure.percentile(metric, 100);
        }
        if (stat.equals("mean")) {
            return Figure.mean(metric);
        }
        Matcher p = PERCENTILE.matcher(stat);
        if (!p.matches()) {
            throw bad(text, "unknown figure '" + name + "' (figures: " + FIGURES + ")");
        }
        double q = Double.parseDouble(p.group(1));
        if (!(q > 0 && q <= 100)) {
            throw bad(text, "a percentile is above 0 and at most 100 (p50, p99.9, p100 = max)");
        }
        return Figure.percentile(metric, q);
    }

    private static Metric metric(String text, String key) {
        for (Metric m : Metric.values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw bad(text, "unknown histogram '" + key + "' (latency, first_byte, connect, tls_handshake, quic_handshake)");
    }

    private static Operator operator(String symbol) {
        for (Operator o : Operator.values()) {
            if (o.symbol().equals(symbol)) {
                return o;
            }
        }
        throw new IllegalStateException("the pattern admits only known operators: " + symbol);
    }

    private static double value(String text, Figure figure, String v) {
        String s = v.trim();
        return switch (figure.unit()) {
            case MILLIS -> millis(text, s);
            case PER_SECOND -> number(text, s, "requests per second, e.g. rps>1900");
            case FRACTION -> fraction(text, s);
            case COUNT -> count(text, s);
            case BOOLEAN -> bool(text, s);
        };
    }

    private static double millis(String text, String s) {
        Matcher d = DURATION.matcher(s);
        if (!d.matches()) {
            throw bad(text, NUMBER.matcher(s).matches()
                    ? "a duration needs its unit: " + s + "ms, " + s + "s or " + s + "us"
                    : "'" + s + "' is not a duration (e.g. 50ms, 1.5s, 800us)");
        }
        double n = Double.parseDouble(d.group(1));
        return switch (d.group(2)) {
            case "us", "µs" -> n / 1000;
            case "ms" -> n;
            case "s" -> n * 1000;
            default -> n * 60_000;
        };
    }

    private static double fraction(String text, String s) {
        Matcher p = PERCENT.matcher(s);
        if (p.matches()) {
            double pct = Double.parseDouble(p.group(1));
            if (pct > 100) {
                throw bad(text, "a rate is at most 100%");
            }
            return pct / 100;
        }
        double f = number(text, s, "a rate: a percentage (0.1%) or a share from 0 to 1 (0.001)");
        if (f > 1) {
            throw bad(text, "a rate is a percentage (" + s + "%) or a share from 0 to 1, not " + s);
        }
        return f;
    }

    private static double count(String text, String s) {
        if (!s.matches("\\d+")) {
            throw bad(text, "a count of failed requests is a whole number, not '" + s + "'");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw bad(text, "count '" + s + "' is too large");
        }
    }

    private static double bool(String text, String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> 1;
            case "false" -> 0;
            default -> throw bad(text, "client_bound is true or false, not '" + s + "'");
        };
    }

    private static double number(String text, String s, String what) {
        if (!NUMBER.matcher(s).matches()) {
            throw bad(text, "'" + s + "' is not a number (" + what + ")");
        }
        return Double.parseDouble(s);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("threshold '" + text.trim() + "': " + why);
    }
}
