package dev.quiver.cli.report.html;

import dev.quiver.core.report.IntervalSample;
import java.util.ArrayList;
import java.util.List;

/**
 * A value per reporting interval over time, one line per variant. A variant's rounds are laid end
 * to end, each its own stretch of line. The last sample of a round covers only the moments
 * between the previous sample and the end of the load; when it is much shorter than an interval
 * its rate says little, so it is left out unless it is the round's only sample.
 */
final class TimePlot {

    /** Series with at most this many samples also get a dot per sample, so a short run's few samples stand out. */
    private static final int MARKED_POINTS = 60;

    /** A final sample covering less than this share of the interval before it is not drawn. */
    private static final double SHORT_TAIL = 0.5;

    private TimePlot() {
    }

    /** What a time plot draws of one interval: its req/s, its p99, ... */
    @FunctionalInterface
    interface IntervalValue {
        double of(IntervalSample sample);
    }

    /** A sample placed on the variant's time line. */
    private record Point(double t, IntervalSample sample, boolean startsRound) {
    }

    static String render(List<ChartSeries> variants, String title, String yTitle, String xTitle,
                         IntervalValue value) {
        List<List<Point>> lines = new ArrayList<>();
        double maxT = 0;
        double maxV = 0;
        for (ChartSeries v : variants) {
            List<Point> points = points(v);
            lines.add(points);
            for (Point p : points) {
                maxT = Math.max(maxT, p.t());
                maxV = Math.max(maxV, value.of(p.sample()));
            }
        }
        double tMax = maxT <= 0 ? 1 : Math.ceil(maxT / Svg.niceStep(maxT)) * Svg.niceStep(maxT);
        double yMax = maxV <= 0 ? 1 : Math.ceil(maxV / Svg.niceStep(maxV)) * Svg.niceStep(maxV);
        StringBuilder b = new StringBuilder(Svg.open(title));
        Svg.yAxis(b, yMax, yTitle);
        double step = Svg.niceStep(tMax);
        for (double t = 0; t <= tMax * 1.0001; t += step) {
            Svg.xTick(b, x(t, tMax), Svg.tick(t));
        }
        Svg.xTitle(b, xTitle);
        for (int i = 0; i < variants.size(); i++) {
            List<Point> points = lines.get(i);
            if (points.isEmpty()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            int inStretch = 0;
            for (Point p : points) {
                if (p.startsRound() && inStretch == 1) {
                    path.append(" l0,0"); // a one-sample round: a dot, drawn by the round line cap
                }
                if (p.startsRound()) {
                    inStretch = 0;
                }
                path.append(inStretch == 0 ? (path.isEmpty() ? "M" : " M") : " L").append(Svg.num(x(p.t(), tMax))).append(',')
                        .append(Svg.num(Svg.y(value.of(p.sample()), yMax)));
                inStretch++;
            }
            if (inStretch == 1) {
                path.append(" l0,0");
            }
            Svg.series(b, i, variants.get(i).label(), path, points.size());
            if (points.size() <= MARKED_POINTS) {
                for (Point p : points) {
                    b.append("<circle class=\"marker\" r=\"3\" fill=\"").append(Svg.color(i)).append("\" cx=\"")
                            .append(Svg.num(x(p.t(), tMax))).append("\" cy=\"")
                            .append(Svg.num(Svg.y(value.of(p.sample()), yMax))).append("\"/>\n");
                }
            }
        }
        return b.append("</svg>\n").toString();
    }

    private static List<Point> points(ChartSeries v) {
        List<Point> points = new ArrayList<>();
        double offset = 0;
        for (ChartSeries.Stretch r : v.stretches()) {
            List<IntervalSample> s = r.samples();
            for (int i = 0; i < s.size(); i++) {
                if (i == s.size() - 1 && i >= 1) {
                    double last = s.get(i).elapsedSeconds() - s.get(i - 1).elapsedSeconds();
                    double before = s.get(i - 1).elapsedSeconds() - (i >= 2 ? s.get(i - 2).elapsedSeconds() : 0);
                    if (last < SHORT_TAIL * before) {
                        continue;
                    }
                }
                points.add(new Point(offset + s.get(i).elapsedSeconds(), s.get(i), i == 0));
            }
            offset += r.durationSeconds();
        }
        return points;
    }

    private static double x(double t, double tMax) {
        return Svg.LEFT + t / tMax * Svg.plotWidth();
    }
}
