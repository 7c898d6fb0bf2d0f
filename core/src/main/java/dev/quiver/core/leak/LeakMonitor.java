package dev.quiver.core.leak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Samples every watcher at a fixed interval on one thread, tags each reading with the current
 * {@link Phase} and the count of completed requests, and judges the series at the end.
 *
 * <p>Memory is bounded: at most {@value #MAX_RESOURCES} resources (a Prometheus endpoint decides
 * how many series it serves, not us) and {@value #MAX_POINTS} readings each.
 */
public final class LeakMonitor {

    static final int MAX_RESOURCES = 256;
    static final int MAX_POINTS = 100_000;

    private record Series(String watcher, Resource resource, List<Point> points) {
    }

    private final List<Watcher> watchers;
    private final LongSupplier completedRequests;
    private final Consumer<String> warn;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final Map<Watcher, String> failures = new LinkedHashMap<>();
    /** Per watcher: samples tried and failed during load and cool-down, where the verdict is made. */
    private final Map<Watcher, int[]> judgedSamples = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quiver-leak-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile Phase phase = Phase.BASELINE;
    private long startNanos;
    private boolean tooManyResources;

    /**
     * @param completedRequests requests completed so far by the load (0 before it starts)
     * @param warn told once per failing watcher, on the sampling thread
     */
    public LeakMonitor(List<Watcher> watchers, LongSupplier completedRequests, Consumer<String> warn) {
        this.watchers = List.copyOf(watchers);
        this.completedRequests = completedRequests;
        this.warn = warn;
    }

    /** Takes the first sample now (baseline) and then one every {@code intervalMillis}. */
    public synchronized void start(long intervalMillis) {
        startNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::sample, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public void phase(Phase next) {
        this.phase = next;
    }

    /** Stops sampling, waiting for a sample under way to finish. */
    public void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
    }

    /** One sample of every watcher; public so that tests can drive the clock. */
    public synchronized void sample() {
        Phase p = phase;
        long requests = completedRequests.getAsLong();
        for (Watcher w : watchers) {
            List<Reading> readings;
            int[] judged = judgedSamples.computeIfAbsent(w, k -> new int[2]);
            boolean counts = p == Phase.LOAD || p == Phase.COOLDOWN;
            if (counts) {
                judged[0]++;
            }
            try {
                readings = w.read();
            } catch (Exception e) {
                if (counts) {
                    judged[1]++;
                }
                failed(w, e);
                continue;
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            for (Reading r : readings) {
                record(w, r, new Point(seconds, p, requests, r.value()));
            }
        }
    }

    private void record(Watcher w, Reading r, Point point) {
        Series s = series.get(r.resource().name());
        if (s == null) {
            if (series.size() >= MAX_RESOURCES) {
                if (!tooManyResources) {
                    tooManyResources = true;
                    note("warning: more than " + MAX_RESOURCES + " resources watched; the rest are ignored");
                }
                return;
            }
            s = new Series(w.name(), r.resource(), new ArrayList<>());
            series.put(r.resource().name(), s);
        }
        if (s.points().size() < MAX_POINTS && !Double.isNaN(point.value())) {
            s.points().add(point);
        }
    }

    private void failed(Watcher w, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!failures.containsKey(w)) {
            failures.put(w, message);
            note("warning: watcher " + w.name() + " failed: " + message);
        }
    }

    private void note(String line) {
        warnings.add(line);
        warn.accept(line);
    }

    /** Judges every resource; a watcher that never gave a reading is one unknown entry. */
    public synchronized LeakReport report(Limits limits) {
        List<ResourceVerdict> out = new ArrayList<>();
        for (Watcher w : watchers) {
            boolean any = false;
            int[] judged = judgedSamples.getOrDefault(w, new int[2]);
            // A watcher that missed more than a quarter of the samples that decide cannot vouch for anything.
            boolean unreliable = judged[1] > 0 && judged[1] * 4 > judged[0];
            for (Series s : series.values()) {
                if (s.watcher().equals(w.name())) {
                    any = true;
                    ResourceVerdict v = LeakAnalysis.judge(s.watcher(), s.resource(), List.copyOf(s.points()), limits);
                    if (unreliable && v.verdict() != Verdict.UNKNOWN) {
                        v = new ResourceVerdict(v.watcher(), v.resource(), v.baseline(), v.peak(), v.endOfLoad(),
                                v.endOfCooldown(), v.slopePer1k(), Verdict.UNKNOWN, "the watcher failed in " + judged[1]
                                + " of " + judged[0] + " samples during load and cool-down: " + failures.get(w), v.points());
                    }
                    out.add(v);
                }
            }
            if (!any) {
                String why = failures.getOrDefault(w, "it reported no resource");
                out.add(new ResourceVerdict(w.name(), Resource.gauge(w.name(), Resource.Unit.COUNT), Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, null, Verdict.UNKNOWN, "no readings: " + why, List.of()));
            }
        }
        return new LeakReport(out, List.copyOf(warnings));
    }
}
