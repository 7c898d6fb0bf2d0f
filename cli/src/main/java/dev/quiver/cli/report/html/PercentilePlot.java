package dev.quiver.cli.report.html;

import dev.quiver.cli.compare.VariantResult;
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

    static String render(List<VariantResult> variants) {
        long maxCount = 1;
        double maxMs = 0;
        for (VariantResult v : variants) {
            if (v.ran() && v.merged().latency().getTotalCount() > 0) {
                maxCount = Math.max(maxCount, v.merged().latency().getTotalCount());
                maxMs = Math.max(maxMs, v.merged().latency().getMaxValue() / 1000.0);
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
        for (int i = 0; i < variants.size(); i++) {
            VariantResult v = variants.get(i);
            if (!v.ran() || v.merged().latency().getTotalCount() == 0) {
                continue;
            }
            Histogram h = v.merged().latency();
            StringBuilder path = new StringBuilder();
            int points = 0;
            for (HistogramIterationValue it : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
                double p = it.getPercentileLevelIteratedTo() / 100.0;
                double level = p >= 1 ? decades : Math.min(decades, Math.log10(1 / (1 - p)));
                double ms = h.highestEquivalentValue(it.getValueIteratedTo()) / 1000.0;
                path.append(points == 0 ? "M" : " L").append(Svg.num(x(level, decades))).append(',')
                        .append(Svg.num(Svg.y(Math.min(ms, yMax), yMax)));
                points++;
                if (p >= 1) {
                    break;
                }
            }
            Svg.series(b, i, v.variant().label(), path, points);
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
