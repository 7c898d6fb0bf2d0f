package dev.quiver.core.stats;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.report.Interval;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.Offered;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.core.stream.TrackerCounts;
import dev.quiver.core.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The reader side of the statistics: every interval it swaps out the writers' histograms (adding
 * them to the run totals), keeps them as one {@link Interval} placed on the wall clock, and hands
 * an {@link IntervalSample} to the progress display. Runs on one reporter thread; the writers
 * never wait for it.
 */
public final class IntervalReporter {

    private final RunStatistics stats;
    private final StreamTracker tracker;
    private final Consumer<IntervalSample> progress;
    private final Clock clock;
    private final IntervalSeries series = new IntervalSeries();
    /** One histogram per metric, reused every interval: each is compressed into its interval, then emptied. */
    private final Map<Metric, Histogram> taken = new EnumMap<>(Metric.class);
    private final long intervalMicros;
    /** The measured part's stages, or null: each interval carries the mean of their target over it. */
    private final Ramp ramp;
    private long startNanos;
    private long startMicros;
    private long lastNanos;
    private long lastFailed;
    private long lastOpened;

    /**
     * @param interval how often {@link #sample} is called: the length of a full interval
     * @param progress receives each sample on the reporter thread; may be null
     * @param clock the run's clock: an interval's length is measured on it
     */
    public IntervalReporter(RunStatistics stats, StreamTracker tracker, Duration interval, Consumer<IntervalSample> progress,
                            Clock clock) {
        this(stats, tracker, interval, progress, clock, null);
    }

    /**
     * @param ramp the measured part's stages (from its start), or null for a steady load
     */
    public IntervalReporter(RunStatistics stats, StreamTracker tracker, Duration interval, Consumer<IntervalSample> progress,
                            Clock clock, Ramp ramp) {
        this.ramp = ramp;
        this.stats = stats;
        this.clock = clock;
        this.tracker = tracker;
        this.intervalMicros = interval.toNanos() / 1000;
        this.progress = progress;
    }

    /**
     * The load starts at {@code nowNanos} on the run's clock (now, or a moment ago when the reporter
     * thread was late for the end of a warm-up); its wall-clock time is read here and set back by that lateness.
     */
    public synchronized void start(long nowNanos) {
        Instant wall = Instant.now();
        long lateMicros = Math.max(0, clock.nanoTime() - nowNanos) / 1000;
        startMicros = wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1000 - lateMicros;
        startNanos = nowNanos;
        lastNanos = nowNanos;
        lastOpened = tracker.counts().opened();
    }

    /**
     * Takes one interval.
     *
     * @param showProgress false for the last interval, taken after the run ended
     */
    public synchronized void sample(boolean showProgress) {
        long now = clock.nanoTime();
        // Read with the time, before the histograms are swapped: the interval's starts are those up to its end.
        TrackerCounts books = tracker.counts();
        for (Metric m : Metric.values()) {
            stats.recorders(m).takeInterval(taken.computeIfAbsent(m, x -> LatencyRecorders.newHistogram()));
        }
        long failedNow = stats.failed();
        // Both ends from the same origin, so that one interval ends exactly where the next begins.
        long from = (lastNanos - startNanos) / 1000;
        long to = (now - startNanos) / 1000;
        double target = ramp == null ? Double.NaN : ramp.mean(from * 1000, to * 1000);
        Interval interval = Interval.of(startMicros + from, to - from, failedNow - lastFailed, books.live(), taken,
                new Offered(books.opened() - lastOpened, books.connectionsLive(), target));
        lastFailed = failedNow;
        lastOpened = books.opened();
        lastNanos = now;
        series.add(interval);
        if (progress != null && showProgress) {
            progress.accept(interval.sample(startMicros));
        }
    }

    /**
     * The histograms of the interval taken last, by metric: the reporter thread's own, lent to a
     * caller on that thread until the next {@link #sample}.
     */
    public synchronized Map<Metric, Histogram> lastInterval() {
        return Collections.unmodifiableMap(taken);
    }

    /** The intervals so far, oldest first. */
    public synchronized List<Interval> intervals() {
        return series.list();
    }

    /** Wall-clock start of the load, microseconds since the epoch. */
    public synchronized long startMicros() {
        return startMicros;
    }

    /** The length of a full interval. */
    public long intervalMicros() {
        return intervalMicros;
    }
}
