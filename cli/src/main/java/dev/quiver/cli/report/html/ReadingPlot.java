package dev.quiver.cli.report.html;

import dev.quiver.core.leak.Phase;
import dev.quiver.core.leak.Point;
import dev.quiver.core.leak.Resource;
import java.util.List;
import java.util.Locale;

/**
 * One resource's readings over a leak check, on bands that mark its phases (baseline, warm-up,
 * load, cool-down). The y axis spans the readings, not 0 to the top: a leak of a few MiB on a
 * server of 200 MiB has to show.
 */
final class ReadingPlot {

    /** Band colours per phase, light enough for the line to stay readable over them. */
    private static final String[] BAND_COLORS = {"#eef3fb", "#fdf3e6", "#fbeaea", "#eaf6ec"};
    /** Series with at most this many readings also get a dot per reading. */
    private static final int MARKED_POINTS = 60;

    private ReadingPlot() {
    }

    /** The phases' colours as a legend, for the section the plots are in. */
    static void legend(StringBuilder b) {
        b.append("<p class=\"legend\">");
        for (Phase p : Phase.values()) {
            b.append("<span><i style=\"height:10px;background:").append(BAND_COLORS[p.ordinal()]).append("\"></i>")
                    .append(label(p)).append("</span>");
        }
        b.append("</p>\n");
    }

    static String render(String name, Resource.Unit unit, List<Point> points, int color) {
        Scale scale = Scale.of(unit, points);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double tMax = 0;
        for (Point p : points) {
            lo = Math.min(lo, p.value() / scale.divisor());
            hi = Math.max(hi, p.value() / scale.divisor());
            tMax = Math.max(tMax, p.seconds());
        }
        if (!(hi > lo)) {
            double pad = Math.max(Math.abs(hi) * 0.1, 1);
            lo -= pad;
            hi += pad;
        }
        double step = Svg.niceStep(hi - lo);
        double yMin = lo >= 0 && lo < hi - lo ? 0 : Math.floor(lo / step) * step;
        step = Svg.niceStep(hi - yMin);
        yMin = Math.floor(yMin / step) * step;
        double yMax = Math.ceil(hi / step) * step;
        if (!(yMax > yMin)) {
            yMax = yMin + step;
        }
        double tEnd = tMax <= 0 ? 1 : Math.ceil(tMax / Svg.niceStep(tMax)) * Svg.niceStep(tMax);

        StringBuilder b = new StringBuilder(Svg.open(name + " over time"));
        bands(b, points, tEnd);
        Svg.yAxis(b, yMin, yMax, scale.title());
        double tStep = Svg.niceStep(tEnd);
        for (int i = 0; i * tStep <= tEnd * 1.0001; i++) {
            Svg.xTick(b, x(i * tStep, tEnd), Svg.tick(i * tStep));
        }
        Svg.xTitle(b, "seconds since the start of the check");
        StringBuilder path = new StringBuilder();
        for (Point p : points) {
            path.append(path.isEmpty() ? "M" : " L").append(Svg.num(x(p.seconds(), tEnd))).append(',')
                    .append(Svg.num(Svg.y(p.value() / scale.divisor(), yMin, yMax)));
        }
        if (points.size() == 1) {
            path.append(" l0,0");
        }
        Svg.series(b, color, name, path, points.size());
        if (points.size() <= MARKED_POINTS) {
            for (Point p : points) {
                b.append("<circle class=\"marker\" r=\"3\" fill=\"").append(Svg.color(color)).append("\" cx=\"")
                        .append(Svg.num(x(p.seconds(), tEnd))).append("\" cy=\"")
                        .append(Svg.num(Svg.y(p.value() / scale.divisor(), yMin, yMax))).append("\"><title>")
                        .append(String.format(Locale.ROOT, "%.2f s, %s: ", p.seconds(), p.phase().key()))
                        .append(Svg.escape(unit.format(p.value()))).append("</title></circle>\n");
            }
        }
        return b.append("</svg>\n").toString();
    }

    /** A band behind each run of readings taken in the same phase, from its first reading to the next phase's first. */
    private static void bands(StringBuilder b, List<Point> points, double tEnd) {
        int from = 0;
        for (int i = 1; i <= points.size(); i++) {
            if (i < points.size() && points.get(i).phase() == points.get(from).phase()) {
                continue;
            }
            double t0 = from == 0 ? 0 : points.get(from).seconds();
            double t1 = i < points.size() ? points.get(i).seconds() : points.get(i - 1).seconds();
            Phase phase = points.get(from).phase();
            b.append("<rect class=\"band\" data-phase=\"").append(phase.key()).append("\" x=\"").append(Svg.num(x(t0, tEnd)))
                    .append("\" y=\"").append(Svg.TOP).append("\" width=\"").append(Svg.num(Math.max(0, x(t1, tEnd) - x(t0, tEnd))))
                    .append("\" height=\"").append(Svg.num(Svg.plotHeight())).append("\" fill=\"")
                    .append(BAND_COLORS[phase.ordinal()]).append("\"><title>").append(label(phase)).append("</title></rect>\n");
            from = i;
        }
    }

    private static String label(Phase p) {
        return p == Phase.WARMUP ? "warm-up" : p == Phase.COOLDOWN ? "cool-down" : p.key();
    }

    private static double x(double t, double tEnd) {
        return Svg.LEFT + t / tEnd * Svg.plotWidth();
    }

    /** The unit the axis counts in: bytes as KiB, MiB or GiB, milliseconds as seconds from 10 s on. */
    private record Scale(double divisor, String title) {

        static Scale of(Resource.Unit unit, List<Point> points) {
            double max = 0;
            for (Point p : points) {
                max = Math.max(max, Math.abs(p.value()));
            }
            return switch (unit) {
                case BYTES -> max >= 1L << 30 ? new Scale(1L << 30, "GiB") : max >= 1L << 20 ? new Scale(1L << 20, "MiB")
                        : max >= 1L << 10 ? new Scale(1L << 10, "KiB") : new Scale(1, "bytes");
                case MILLIS -> max >= 10_000 ? new Scale(1000, "seconds") : new Scale(1, "ms");
                case COUNT -> new Scale(1, "count");
            };
        }
    }
}
