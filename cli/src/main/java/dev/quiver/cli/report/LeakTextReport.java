package dev.quiver.cli.report;

import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.leak.Phase;
import dev.quiver.core.leak.Point;
import dev.quiver.core.leak.ResourceVerdict;
import dev.quiver.core.report.Units;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The human report of a leak check: one table row and sparkline per resource, then the verdict in words. */
public final class LeakTextReport {

    private static final String LEVELS = " .:-=+*#%@";
    private static final int SPARK_WIDTH = 48;

    /** How long each phase lasted, for the header. */
    public record Phases(Duration baseline, Duration warmup, double loadSeconds, Duration cooldown, Duration sampleInterval) {
    }

    private LeakTextReport() {
    }

    /** The verdicts in a table, then the load's own report, as text. */
    public static String render(LeakCheckResult check) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        print(check.report(), check.phases(), out);
        out.println();
        out.flush();
        return text + TextReport.render(check.run());
    }

    private static void print(LeakReport report, Phases phases, PrintWriter out) {
        out.println("Leak check:");
        out.println("  Phases:   " + phases(phases));
        out.println();
        out.printf(Locale.ROOT, "  %-34s %11s %11s %11s %11s  %-32s %s%n", "Resource", "baseline", "peak", "end load",
                "end cool", "slope per 1k requests (95%)", "verdict");
        for (ResourceVerdict r : report.resources()) {
            var u = r.resource().unit();
            String slope = slope(r);
            out.printf(Locale.ROOT, "  %-34s %11s %11s %11s %11s  %-32s %s%n", clip(r.resource().name(), 34),
                    u.format(r.baseline()), u.format(r.peak()), u.format(r.endOfLoad()),
                    u.format(r.endOfCooldown()), slope, r.verdict().label());
            if (!r.points().isEmpty()) {
                out.printf(Locale.ROOT, "  %-34s [%s]%n", "", sparkline(r.points()));
            }
        }
        out.println("  (sparklines: baseline | load | cool-down, low ' ' to high '@')");
        out.println();
        out.println("Verdict: " + verdict(report));
        for (ResourceVerdict r : report.resources()) {
            out.printf(Locale.ROOT, "  %-18s %s (%s): %s%n", r.verdict().label(), r.resource().name(), r.watcher(), r.reason());
        }
        for (String w : report.warnings()) {
            out.println("  " + w);
        }
    }

    /** How long each phase lasted, in one line (text and HTML reports). */
    public static String phases(Phases phases) {
        return String.format(Locale.ROOT, "baseline %s, warm-up %s (not judged), load %.1f s, cool-down %s; a sample every %s",
                seconds(phases.baseline()), seconds(phases.warmup()), phases.loadSeconds(), seconds(phases.cooldown()),
                seconds(phases.sampleInterval()));
    }

    /** The overall verdict in words (text and HTML reports). */
    public static String verdict(LeakReport report) {
        return switch (report.overall()) {
            case LEAK -> "LEAK: " + report.leaks().size() + " resource(s) leak";
            case UNKNOWN -> "no leak found, but some watchers gave no verdict";
            default -> "no leak";
        };
    }

    /** The slope per 1k requests with its 95% interval, or {@code -} when none could be fitted. */
    public static String slope(ResourceVerdict r) {
        var u = r.resource().unit();
        return r.slopePer1k() == null ? "-"
                : u.format(r.slopePer1k().perUnit()) + " (" + u.format(r.slopePer1k().low()) + " .. "
                  + u.format(r.slopePer1k().high()) + ")";
    }

    /** The readings squeezed to a fixed width, with a bar between the phases. */
    static String sparkline(List<Point> points) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            lo = Math.min(lo, p.value());
            hi = Math.max(hi, p.value());
        }
        int n = points.size();
        int width = Math.min(SPARK_WIDTH, n);
        StringBuilder s = new StringBuilder();
        Phase last = null;
        for (int i = 0; i < width; i++) {
            Point p = points.get((int) ((long) i * n / width));
            boolean judged = p.phase() == Phase.BASELINE || p.phase() == Phase.COOLDOWN;
            Phase group = judged ? p.phase() : Phase.LOAD;
            if (last != null && group != last) {
                s.append('|');
            }
            last = group;
            int level = hi > lo ? (int) Math.round((p.value() - lo) / (hi - lo) * (LEVELS.length() - 1)) : 0;
            s.append(LEVELS.charAt(level));
        }
        return s.toString();
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    private static String seconds(Duration d) {
        if (d.toMillis() > 0 && d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", Units.seconds(d));
    }
}
