package dev.quiver.core.report;

import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.stats.LatencyRecorders;
import org.HdrHistogram.Histogram;

/**
 * What the transports of a run did, from the stacks themselves ({@link TransportSample}, one per
 * connection): counts summed over the connections, smoothed RTT and congestion window as histograms
 * across them (one value per connection), so that results merge exactly. A figure no connection's
 * stack offered is null, never 0.
 *
 * @param kind the transport, or null when no connection reported
 * @param connections connections whose transport reported (those that became ready and that quiver
 *                    could read before they closed)
 * @param packetsSent packets sent, summed; null when the stack does not count them (TCP)
 * @param packetsLost packets declared lost, summed (QUIC)
 * @param retransmits TCP segments retransmitted, or QUIC packets carrying retransmitted data, summed
 * @param retransmittedBytes stream bytes sent again, summed (QUIC, where the stack counts them)
 * @param srttMicros each connection's last smoothed RTT, microseconds
 * @param cwndBytes each connection's last congestion window, bytes
 */
public record TransportStats(TransportSample.Kind kind, long connections, Long packetsSent, Long packetsLost,
                             Long retransmits, Long retransmittedBytes, Histogram srttMicros, Histogram cwndBytes) {

    public TransportStats {
        if (srttMicros == null || cwndBytes == null) {
            throw new IllegalArgumentException("transport statistics have both histograms, if empty");
        }
    }

    /** No connection reported (a fresh histogram each time: histograms are mutable). */
    public static TransportStats none() {
        return new TransportStats(null, 0, null, null, null, null, newHistogram(), newHistogram());
    }

    /** A histogram of transport values: microseconds or bytes, up to {@link LatencyRecorders#HIGHEST_MICROS}. */
    public static Histogram newHistogram() {
        return LatencyRecorders.newHistogram();
    }

    /** Both as one: sums added (a figure known to one side only is that side's), histograms added. */
    public TransportStats plus(TransportStats o) {
        Histogram srtt = newHistogram();
        srtt.add(srttMicros);
        srtt.add(o.srttMicros);
        Histogram cwnd = newHistogram();
        cwnd.add(cwndBytes);
        cwnd.add(o.cwndBytes);
        return new TransportStats(kind != null ? kind : o.kind, connections + o.connections, sum(packetsSent, o.packetsSent),
                sum(packetsLost, o.packetsLost), sum(retransmits, o.retransmits), sum(retransmittedBytes, o.retransmittedBytes),
                srtt, cwnd);
    }

    private static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
