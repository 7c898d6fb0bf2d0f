package dev.quiver.cli.report.html;

import dev.quiver.cli.compare.VariantResult;
import dev.quiver.core.report.IntervalSample;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A value per reporting interval over the run's time, one line per variant; rounds of a variant
 * are laid end to end.
 */
final class TimePlot {

    private TimePlot() {
    }

    static String render(List<VariantResult> variants, String title, String yTitle, ToDoubleFunction<IntervalSample> value) {
        double maxT = 0;
        double maxV = 0;
        for (VariantResult v : variants) {
            if (v.ran()) {
                for (IntervalSample s : v.merged().intervals()) {
                    maxT = Math.max(maxT, s.elapsedSeconds());
                    maxV = Math.max(maxV, value.applyAsDouble(s));
                }
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
        Svg.xTitle(b, "seconds into the variant's run (rounds end to end)");
        for (int i = 0; i < variants.size(); i++) {
            VariantResult v = variants.get(i);
            if (!v.ran() || v.merged().intervals().isEmpty()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            int points = 0;
            for (IntervalSample s : v.merged().intervals()) {
                path.append(points == 0 ? "M" : " L").append(Svg.num(x(s.elapsedSeconds(), tMax))).append(',')
                        .append(Svg.num(Svg.y(value.applyAsDouble(s), yMax)));
                points++;
            }
            if (points == 1) {
                // a single interval: a zero-length segment, drawn as a dot by the round line cap
                path.append(" l0,0");
            }
            Svg.series(b, i, v.variant().label(), path, points);
        }
        return b.append("</svg>\n").toString();
    }

    private static double x(double t, double tMax) {
        return Svg.LEFT + t / tMax * Svg.plotWidth();
    }
}
