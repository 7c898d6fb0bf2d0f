package dev.quiver.cli.report;

import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.TransportStats;
import dev.quiver.core.report.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The transport's figures in words, for the run's Transport block and a comparison's line per variant. */
public final class TransportText {

    private TransportText() {
    }

    /** The heading of the Transport block. */
    public static String heading(TransportStats t) {
        return t.connections() == 0 || t.kind() == null ? "Transport:" : "Transport (" + source(t) + "):";
    }

    /** The transport, where the figures come from, and of how many connections: {@code TCP, from TCP_INFO, 10 connections}. */
    public static String source(TransportStats t) {
        String from = t.kind() == TransportSample.Kind.TCP ? "TCP_INFO" : "the QUIC stack";
        return String.format(Locale.ROOT, "%s, from %s, %d connection%s", t.kind() == null ? "unknown" : t.kind().key().toUpperCase(Locale.ROOT),
                from, t.connections(), t.connections() == 1 ? "" : "s");
    }

    /**
     * The request streams the transport figures are of: all the run opened, when every connection's
     * transport reported; 0 when some did not, since packets per request would then be too low.
     */
    public static long requestStreams(RunResult r) {
        return r.transport().connections() == r.connections().opened() ? r.streams().opened() : 0;
    }

    /**
     * The block's lines, without indentation; one line saying there is nothing when no connection reported.
     * With {@code requestStreams} ({@link #requestStreams}) above 0, packets sent per request too: a
     * stack that puts one request in each packet costs the server a packet to open, decrypt and
     * acknowledge for each request, where one that packs streams together does not.
     */
    public static List<String> lines(TransportStats t, long requestStreams) {
        List<String> lines = new ArrayList<>();
        if (t.connections() == 0 || t.kind() == null) {
            lines.add("no connection's transport figures were read (TCP_INFO needs Linux epoll; "
                    + "a connection the peer closed first has none)");
            return lines;
        }
        List<String> counts = new ArrayList<>();
        if (t.packetsSent() != null) {
            counts.add("packets sent " + t.packetsSent() + perRequest(t.packetsSent(), requestStreams));
        }
        if (t.packetsLost() != null) {
            counts.add("lost " + t.packetsLost() + share(t.packetsLost(), t.packetsSent()));
        }
        if (t.retransmits() != null) {
            counts.add(t.kind() == TransportSample.Kind.TCP ? "retransmitted segments " + t.retransmits()
                    : "packets with retransmitted data " + t.retransmits());
        }
        if (t.retransmittedBytes() != null) {
            counts.add("retransmitted " + Units.formatBytes(t.retransmittedBytes()) + " of stream data");
        }
        if (!counts.isEmpty()) {
            lines.add(String.join(", ", counts));
        }
        List<String> path = new ArrayList<>();
        if (t.srttMicros().getTotalCount() > 0) {
            path.add("smoothed RTT p50 " + Units.formatMillis(Units.percentileMillis(t.srttMicros(), 50))
                    + ", p99 " + Units.formatMillis(Units.percentileMillis(t.srttMicros(), 99)));
        }
        if (t.cwndBytes().getTotalCount() > 0) {
            path.add("congestion window p50 " + Units.formatBytes(t.cwndBytes().getValueAtPercentile(50))
                    + ", p99 " + Units.formatBytes(t.cwndBytes().getValueAtPercentile(99)));
        }
        if (!path.isEmpty()) {
            lines.add(String.join("; ", path) + " (across connections)");
        }
        List<String> missing = new ArrayList<>();
        addIfNull(missing, t.packetsSent(), "packets sent");
        addIfNull(missing, t.packetsLost(), "packets lost");
        addIfNull(missing, t.retransmits(), "retransmits");
        addIfNull(missing, t.retransmittedBytes(), "retransmitted bytes");
        addIfEmpty(missing, t.srttMicros(), "smoothed RTT");
        addIfEmpty(missing, t.cwndBytes(), "congestion window");
        if (!missing.isEmpty()) {
            lines.add("not offered by this engine's stack: " + String.join(", ", missing));
        }
        return lines;
    }

    /** The figures in one line, for a comparison: {@code quic: lost 3 of 1200 packets, srtt p50 0.1 ms, cwnd p50 13.50 KiB}. */
    public static String line(TransportStats t, long requestStreams) {
        if (t.connections() == 0 || t.kind() == null) {
            return "none read";
        }
        List<String> parts = new ArrayList<>();
        if (t.packetsLost() != null) {
            parts.add("lost " + t.packetsLost() + (t.packetsSent() != null
                    ? " of " + t.packetsSent() + " packets" + perRequest(t.packetsSent(), requestStreams) : " packets"));
        }
        if (t.retransmits() != null) {
            parts.add((t.kind() == TransportSample.Kind.TCP ? "retransmitted segments " : "retransmitted packets ") + t.retransmits());
        }
        if (t.srttMicros().getTotalCount() > 0) {
            parts.add("srtt p50 " + Units.formatMillis(Units.percentileMillis(t.srttMicros(), 50)));
        }
        if (t.cwndBytes().getTotalCount() > 0) {
            parts.add("cwnd p50 " + Units.formatBytes(t.cwndBytes().getValueAtPercentile(50)));
        }
        return t.kind().key() + ": " + String.join(", ", parts);
    }

    private static String perRequest(long packets, long requestStreams) {
        return requestStreams <= 0 ? "" : String.format(Locale.ROOT, " (%.2f per request)", (double) packets / requestStreams);
    }

    private static String share(long part, Long whole) {
        return whole == null || whole == 0 ? "" : String.format(Locale.ROOT, " (%.2f%%)", 100.0 * part / whole);
    }

    private static void addIfNull(List<String> missing, Long v, String name) {
        if (v == null) {
            missing.add(name);
        }
    }

    private static void addIfEmpty(List<String> missing, Histogram h, String name) {
        if (h.getTotalCount() == 0) {
            missing.add(name);
        }
    }
}
