package dev.quiver.core.stats;

import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.report.TransportStats;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The transports' figures over a run: each connection's {@link TransportSample} is added on its
 * engine's thread (once per connection, so a multi-writer {@link Recorder} costs nothing that
 * matters) and the sample is not kept; the reporter thread takes the sums and the histograms
 * across connections for the result. Its size does not depend on the number of connections.
 */
public final class TransportCounts {

    private final AtomicReference<TransportSample.Kind> kind = new AtomicReference<>();
    private final LongAdder connections = new LongAdder();
    private final Sum packetsSent = new Sum();
    private final Sum packetsLost = new Sum();
    private final Sum retransmits = new Sum();
    private final Sum retransmittedBytes = new Sum();
    private final Values srtt = new Values();
    private final Values cwnd = new Values();

    /** A sum of a figure over the connections whose stack offered it. */
    private static final class Sum {
        final LongAdder total = new LongAdder();
        volatile boolean known;

        void add(long v) {
            if (v != TransportSample.UNKNOWN) {
                total.add(v);
                known = true;
            }
        }

        Long value() {
            return known ? total.sum() : null;
        }
    }

    /** One value per connection, in a histogram. */
    private static final class Values {
        final Recorder recorder = new Recorder(1, LatencyRecorders.HIGHEST_MICROS, LatencyRecorders.SIGNIFICANT_DIGITS);
        final Histogram total = TransportStats.newHistogram();
        Histogram recycled;

        void add(long v) {
            if (v != TransportSample.UNKNOWN) {
                recorder.recordValue(Math.min(v, LatencyRecorders.HIGHEST_MICROS));
            }
        }

        synchronized Histogram take() {
            recycled = recorder.getIntervalHistogram(recycled);
            total.add(recycled);
            return total.copy();
        }
    }

    /** One connection's sample (any thread). */
    public void record(TransportSample s) {
        kind.compareAndSet(null, s.kind());
        connections.increment();
        packetsSent.add(s.packetsSent());
        packetsLost.add(s.packetsLost());
        retransmits.add(s.retransmits());
        retransmittedBytes.add(s.retransmittedBytes());
        srtt.add(s.srttMicros());
        cwnd.add(s.cwndBytes());
    }

    /** What has been recorded so far, for the result (reporter thread). */
    public TransportStats summary() {
        return new TransportStats(kind.get(), connections.sum(), packetsSent.value(), packetsLost.value(), retransmits.value(),
                retransmittedBytes.value(), srtt.take(), cwnd.take());
    }
}
