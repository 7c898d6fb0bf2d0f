package dev.quiver.cli.metrics;

import dev.quiver.core.stream.StreamState;
import java.util.Map;

/**
 * What the metrics page shows, fixed at one moment: made on the reporter thread, read by the page's
 * thread. Immutable, so a scrape reads it without a lock and the load never waits for a scrape.
 *
 * @param bucketCounts completed requests with a latency at most each of {@link LiveMetrics#BUCKETS_SECONDS}, cumulative
 * @param latencySumSeconds the sum of the completed requests' latencies (from the histograms: three significant digits)
 * @param nativeLatency the same latencies in native-histogram buckets, for protobuf scrapes
 */
record MetricsSnapshot(String target, double elapsedSeconds, boolean finished, long ok, long failed, long aborted, long retried,
                       long inFlight, long streamsOpened, Map<StreamState, Long> streamsByState, long streamsLive,
                       long connectionsOpen, long connectionsOpened, long connectionsLost, long connectFailures, long goaways,
                       double creditWaitSeconds, Map<String, Long> errors, long[] bucketCounts, long latencyCount,
                       double latencySumSeconds, NativeHistogram.Buckets nativeLatency) {

    static MetricsSnapshot empty(String target) {
        return new MetricsSnapshot(target, 0, false, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, Map.of(),
                new long[LiveMetrics.BUCKETS_SECONDS.length], 0, 0, NativeHistogram.Buckets.EMPTY);
    }
}
