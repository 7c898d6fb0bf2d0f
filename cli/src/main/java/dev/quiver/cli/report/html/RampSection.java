package dev.quiver.cli.report.html;

import dev.quiver.cli.report.RampReport;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.report.Interval;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A ramped run's part of its page: the ramp's target beside what the run did per interval (a rate
 * ramp: requests per second scheduled, started and completed; a connection ramp: connections
 * wanted and open), and the table of stages. Nothing for a steady run.
 */
final class RampSection {

    private RampSection() {
    }

    static void render(StringBuilder b, RunResult r) {
        if (r.ramp() == null) {
            return;
        }
        boolean rate = r.ramp().kind() == RampKind.RATE;
        List<ChartSeries> lines = rate
                ? List.of(line("target", r, i -> i.offered().target()),
                        line("started", r, i -> i.offered().started() / seconds(i)),
                        line("completed", r, Interval::rps))
                : List.of(line("target", r, i -> i.offered().target()),
                        line("open", r, i -> i.offered().connections()));
        b.append("<h2>Ramp</h2>\n<p class=\"meta\" id=\"ramp\">").append(Svg.escape(RampReport.model(r.ramp()))).append("</p>\n");
        Page.legend(b, lines, "none");
        Page.figure(b, "chart-ramp", rate ? "Requests per second per interval: the ramp's target, started (offered), completed (served)"
                        : "Connections per interval: the ramp's target (mean over the interval) and those open at its end",
                TimePlot.render(lines, rate ? "ramp: target and measured rate" : "ramp: target and open connections",
                        rate ? "req/s" : "connections", "seconds into the run", IntervalSample::rps));
        b.append("<table id=\"stages\"><thead><tr><th>stage</th><th>time</th><th>").append(rate ? "req/s" : "connections")
                .append("</th><th>mean target</th><th>started req/s</th><th>completed req/s</th></tr></thead><tbody>\n");
        for (RampReport.StageRow row : RampReport.rows(r)) {
            b.append("<tr><td>").append(row.number()).append("</td><td>").append(Svg.escape(row.span())).append("</td><td>")
                    .append(Svg.escape(row.goal())).append("</td><td>").append(figure(row.targetPerSecond())).append("</td><td>")
                    .append(figure(row.startedPerSecond())).append("</td><td>").append(figure(row.completedPerSecond()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** One line of the chart: the interval samples with {@code value} in the place the plot reads. */
    private static ChartSeries line(String label, RunResult r, ToDoubleFunction<Interval> value) {
        List<IntervalSample> samples = new ArrayList<>();
        for (Interval i : r.intervals()) {
            IntervalSample s = i.sample(r.window().startMicros());
            double v = value.applyAsDouble(i);
            samples.add(new IntervalSample(s.elapsedSeconds(), s.completed(), s.failed(), Double.isNaN(v) || v < 0 ? 0 : v,
                    s.p50Millis(), s.p99Millis(), s.live()));
        }
        return new ChartSeries(label, r, null, r.histograms().latency(),
                List.of(new ChartSeries.Stretch(r.durationSeconds(), samples)));
    }

    private static double seconds(Interval i) {
        return Math.max(1e-9, i.lengthMicros() / 1e6);
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
