package dev.quiver.cli.report.html;

import dev.quiver.cli.compare.Rows;
import dev.quiver.cli.compare.VariantResult;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One line or bar of a chart: a comparison's variant, or a run itself.
 *
 * @param result what it measured, or null when it did not run
 * @param absent why there is nothing to draw ({@code failed: connect: refused}), when {@code result} is null
 * @param latency the histogram its percentile line draws
 * @param stretches its time line: one stretch per round, laid end to end
 */
record ChartSeries(String label, RunResult result, String absent, Histogram latency, List<Stretch> stretches) {

    /**
     * A stretch of a time line: one run's interval samples.
     *
     * @param durationSeconds how long the load of this stretch ran; the next stretch starts after it
     */
    record Stretch(double durationSeconds, List<IntervalSample> samples) {
    }

    boolean ran() {
        return result != null;
    }

    static ChartSeries of(VariantResult v) {
        if (!v.ran()) {
            return new ChartSeries(v.variant().label(), null, Rows.streams(v), null, List.of());
        }
        List<Stretch> rounds = v.rounds().stream().map(r -> new Stretch(r.durationSeconds(), r.intervals())).toList();
        return new ChartSeries(v.variant().label(), v.merged(), null, v.merged().histograms().latency(), rounds);
    }

    static List<ChartSeries> of(List<VariantResult> variants) {
        return variants.stream().map(ChartSeries::of).toList();
    }

    /** A run on its own: one stretch. */
    static ChartSeries of(String label, RunResult r, Histogram latency) {
        return new ChartSeries(label, r, null, latency, List.of(new Stretch(r.durationSeconds(), r.samples())));
    }
}
