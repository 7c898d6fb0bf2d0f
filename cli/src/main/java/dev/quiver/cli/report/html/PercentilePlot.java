package dev.quiver.cli.report.html;

import dev.quiver.core.report.Units;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The classic HdrHistogram percentile plot: latency over percentile, the x axis logarithmic in
 * 1/(1-percentile) so that 90%, 99%, 99.9% ... are evenly spaced and the tail gets the room.
 */
final class PercentilePlot {

    /** Points per halving of the distance to 100%, as HdrHistogram's own percentile output. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentilePlot() {
    }

    static String render(List<ChartSeries> series) {
        long maxCount = 1;
        double maxMs = 0;
        for (ChartSeries s : series) {
            if (s.ran() && s.latency().getTotalCount() > 0) {
                maxCount = Math.max(maxCount, s.latency().getTotalCount());
                maxMs = Math.max(maxMs, Units.percentileMillis(s.latency(), 100));
            }
        }
        // The plot reaches the decade where the largest run runs out of samples (1/(1-p) = count).
        int decades = Math.max(2, Math.min(7, (int) Math.ceil(Math.log10(maxCount))));
        double yMax = maxMs <= 0 ? 1 : Math.ceil(maxMs / Svg.niceStep(maxMs)) * Svg.niceStep(maxMs);
        StringBuilder b = new StringBuilder(Svg.open("latency by percentile"));
        Svg.yAxis(b, yMax, "latency (ms)");
        for (int d = 0; d <= decades; d++) {
            Svg.xTick(b, x(d, decades), label(d));
        }
        Svg.xTitle(b, "percentile (log scale of 1/(1-p))");
        for (int i = 0; i < series.size(); i++) {
            ChartSeries s = series.get(i);
            if (!s.ran() || s.latency().getTotalCount() == 0) {
                continue;
            }
            Histogram h = s.latency();
            StringBuilder path = new StringBuilder();
            int points = 0;
            for (HistogramIterationValue it : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
                double p = it.getPercentileLevelIteratedTo() / 100.0;
                double level = p >= 1 ? decades : Math.min(decades, Math.log10(1 / (1 - p)));
                double ms = Units.millis(h.highestEquivalentValue(it.getValueIteratedTo()));
                path.append(points == 0 ? "M" : " L").append(Svg.num(x(level, decades))).append(',')
                        .append(Svg.num(Svg.y(Math.min(ms, yMax), yMax)));
                points++;
                if (p >= 1) {
                    break;
                }
            }
            Svg.series(b, i, s.label(), path, points);
        }
        return b.append("</svg>\n").toString();
    }

    private static double x(double level, int decades) {
        return Svg.LEFT + level / decades * Svg.plotWidth();
    }

    /** 0 -> 0%, 1 -> 90%, 2 -> 99%, 3 -> 99.9% ... */
    private static String label(int decade) {
        return switch (decade) {
            case 0 -> "0%";
            case 1 -> "90%";
            default -> "99" + (decade > 2 ? "." + "9".repeat(decade - 2) : "") + "%";
        };
    }
}
