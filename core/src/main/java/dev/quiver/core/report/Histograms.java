package dev.quiver.core.report;

import dev.quiver.core.stats.LatencyRecorders;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The histograms of a whole run, one per {@link Metric}, in microseconds (1 µs to one hour, three
 * significant digits). Adding two runs' histograms gives exactly the histogram of all their samples.
 */
public record Histograms(Histogram latency, Histogram firstByte, Histogram connect, Histogram tlsHandshake,
                         Histogram quicHandshake) {

    public Histograms {
        for (Histogram h : new Histogram[] {latency, firstByte, connect, tlsHandshake, quicHandshake}) {
            if (h == null) {
                throw new IllegalArgumentException("a run has every histogram, if empty");
            }
        }
    }

    /** Every histogram empty. */
    public static Histograms empty() {
        return new Histograms(LatencyRecorders.newHistogram(), LatencyRecorders.newHistogram(), LatencyRecorders.newHistogram(),
                LatencyRecorders.newHistogram(), LatencyRecorders.newHistogram());
    }

    /** The given histograms; a metric not in the map is empty. */
    public static Histograms of(Map<Metric, Histogram> byMetric) {
        Histogram[] h = new Histogram[Metric.values().length];
        for (Metric m : Metric.values()) {
            h[m.ordinal()] = byMetric.containsKey(m) ? byMetric.get(m) : LatencyRecorders.newHistogram();
        }
        return new Histograms(h[0], h[1], h[2], h[3], h[4]);
    }

    public Histogram get(Metric m) {
        return switch (m) {
            case LATENCY -> latency;
            case FIRST_BYTE -> firstByte;
            case CONNECT -> connect;
            case TLS_HANDSHAKE -> tlsHandshake;
            case QUIC_HANDSHAKE -> quicHandshake;
        };
    }
}
