package dev.quiver.cli.metrics;

import dev.quiver.core.report.Metric;
import dev.quiver.core.stats.LiveSample;
import dev.quiver.core.stream.StreamState;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The metrics page's side of a run: fed a {@link LiveSample} by the reporter thread once per
 * interval, it adds the interval's latencies to fixed classic buckets and publishes an immutable
 * {@link MetricsSnapshot}. The page reads the last one; nothing here touches the event loops.
 */
public final class LiveMetrics implements Consumer<LiveSample> {

    /** Upper bounds of the latency buckets, seconds (+Inf is implied): 1 ms to 10 s, as Prometheus client libraries choose. */
    static final double[] BUCKETS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final String target;
    private final long[] buckets = new long[BUCKETS_SECONDS.length];
    private long latencyCount;
    private double latencySumMicros;
    private final NativeHistogram nativeLatency = new NativeHistogram();
    private double creditWaitSeconds;
    private volatile MetricsSnapshot last;

    public LiveMetrics(String target) {
        this.target = target;
        this.last = MetricsSnapshot.empty(target);
    }

    /** Reporter thread: adds one interval and publishes what the page shows from now on. */
    @Override
    public void accept(LiveSample s) {
        AbstractHistogram h = s.interval().get(Metric.LATENCY);
        if (h != null && h.getTotalCount() > 0) {
            for (int i = 0; i < buckets.length; i++) {
                long micros = Math.round(BUCKETS_SECONDS[i] * 1e6);
                buckets[i] += h.getCountBetweenValues(0, Math.min(micros, h.getHighestTrackableValue()));
            }
            addNative(h);
            latencyCount += h.getTotalCount();
            latencySumMicros += h.getMean() * h.getTotalCount();
        }
        // Waits under way are read apart from the finished ones; a counter never goes back.
        creditWaitSeconds = Math.max(creditWaitSeconds, s.creditWaitNanos() / 1e9);
        Map<StreamState, Long> states = new EnumMap<>(StreamState.class);
        for (StreamState st : StreamState.values()) {
            states.put(st, s.streams().terminal(st));
        }
        last = new MetricsSnapshot(target, s.elapsedNanos() / 1e9, s.last(), s.ok(), s.failed(), s.aborted(), s.retried(),
                s.inFlight(), s.streams().opened(), states, s.streams().live(), s.streams().connectionsLive(), s.connectionsOpened(),
                s.connectionsLost(), s.connectFailures(), s.goaways(), creditWaitSeconds, s.errors(), buckets.clone(), latencyCount,
                latencySumMicros / 1e6, nativeLatency.buckets());
    }

    /**
     * The interval's latencies into the native buckets, each recorded value taken at the lowest
     * value it stands for: the rule {@code getCountBetweenValues(0, bound)} above counts by, so a
     * classic bound that is also a native one (0.25, 0.5, 1 s) has the same count in both.
     */
    private void addNative(AbstractHistogram h) {
        for (HistogramIterationValue v : h.recordedValues()) {
            nativeLatency.add(h.lowestEquivalentValue(v.getValueIteratedTo()) / 1e6, v.getCountAtValueIteratedTo());
        }
    }

    /** The page as of the last interval (any thread). */
    public String page() {
        return MetricsPage.render(last);
    }

    /** The same page in the protobuf exposition format (any thread). */
    byte[] protobufPage() {
        return ProtobufPage.render(last);
    }
}
