package dev.quiver.core.schedule;

import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.stats.RunStatistics;
import dev.quiver.core.stream.StreamTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The reader side of the statistics: every interval it swaps out the writers' histograms,
 * adds them to the run totals, and keeps one {@link IntervalSample} for progress and plots.
 */
final class IntervalReporter {

    /** One sample a second for a day; longer runs keep their first day of samples. */
    private static final int MAX_SAMPLES = 86_400;

    private final RunStatistics stats;
    private final StreamTracker tracker;
    private final Consumer<IntervalSample> progress;
    private final List<IntervalSample> samples = new ArrayList<>();
    private long startNanos;
    private long lastNanos;
    private long lastFailed;

    IntervalReporter(RunStatistics stats, StreamTracker tracker, Consumer<IntervalSample> progress) {
        this.stats = stats;
        this.tracker = tracker;
        this.progress = progress;
    }

    synchronized void start(long nowNanos) {
        startNanos = nowNanos;
        lastNanos = nowNanos;
    }

    /**
     * Takes one sample.
     *
     * @param showProgress false for the last sample, taken after the run ended
     */
    synchronized void sample(boolean showProgress) {
        long now = System.nanoTime();
        Histogram latency = stats.latency.takeInterval();
        stats.firstByte.takeInterval();
        long failedNow = stats.failed.sum();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long completed = latency.getTotalCount();
        IntervalSample s = new IntervalSample((now - startNanos) / 1e9, completed, failedNow - lastFailed,
                completed / seconds,
                completed == 0 ? 0 : latency.getValueAtPercentile(50) / 1000.0,
                completed == 0 ? 0 : latency.getValueAtPercentile(99) / 1000.0,
                tracker.counts().live());
        lastFailed = failedNow;
        lastNanos = now;
        if (samples.size() < MAX_SAMPLES) {
            samples.add(s);
        }
        if (progress != null && showProgress) {
            progress.accept(s);
        }
    }

    synchronized List<IntervalSample> samples() {
        return List.copyOf(samples);
    }
}
