package dev.quiver.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.report.CompressedHistogram;
import dev.quiver.core.report.TransportStats;
import dev.quiver.core.report.Units;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The {@code transport} block of a run's JSON report, written and read back: the sums as they were,
 * a figure the engine's stack does not offer as null, and the two histograms across connections in
 * the same compressed form as the latency histograms, so that a report read back merges exactly.
 */
final class TransportJson {

    static final String KEY = "transport";

    private TransportJson() {
    }

    static Map<String, Object> tree(TransportStats t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", t.kind() == null ? null : t.kind().key());
        m.put("connections", t.connections());
        m.put("packets_sent", t.packetsSent());
        m.put("packets_lost", t.packetsLost());
        m.put("retransmits", t.retransmits());
        m.put("retransmitted_bytes", t.retransmittedBytes());
        m.put("srtt_ms", millis(t.srttMicros()));
        m.put("cwnd_bytes", bytes(t.cwndBytes()));
        Map<String, Object> histograms = new LinkedHashMap<>();
        histograms.put("srtt_us", CompressedHistogram.of(t.srttMicros()).base64());
        histograms.put("cwnd_bytes", CompressedHistogram.of(t.cwndBytes()).base64());
        m.put("histograms", histograms);
        return m;
    }

    /** The block of a report; none in a report of a quiver from before transport statistics. */
    static TransportStats read(JsonNode report) {
        JsonNode t = report.get(KEY);
        if (t == null || t.isNull()) {
            return TransportStats.none();
        }
        if (!t.isObject()) {
            throw new IllegalArgumentException("transport must be an object");
        }
        JsonNode kind = t.get("kind");
        TransportSample.Kind k;
        if (kind == null || kind.isNull()) {
            k = null;
        } else {
            try {
                k = TransportSample.Kind.parse(kind.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transport.kind: unknown value '" + kind.asText() + "'");
            }
        }
        JsonNode connections = t.get("connections");
        if (connections == null || !connections.isIntegralNumber() || connections.asLong() < 0) {
            throw new IllegalArgumentException("missing key transport.connections");
        }
        return new TransportStats(k, connections.asLong(), count(t, "packets_sent"), count(t, "packets_lost"),
                count(t, "retransmits"), count(t, "retransmitted_bytes"), histogram(t, "srtt_us"), histogram(t, "cwnd_bytes"));
    }

    /** A sum that may be unknown (null); a missing key is an error, not an unknown. */
    private static Long count(JsonNode t, String key) {
        JsonNode n = t.get(key);
        if (n == null) {
            throw new IllegalArgumentException("missing key transport." + key);
        }
        if (n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new IllegalArgumentException("transport." + key + " must be a count or null");
        }
        return n.asLong();
    }

    private static Histogram histogram(JsonNode t, String key) {
        JsonNode n = t.at("/histograms/" + key);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("missing key transport.histograms." + key);
        }
        try {
            return CompressedHistogram.fromBase64(n.asText()).decode();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transport.histograms." + key + ": " + e.getMessage());
        }
    }

    /** p50 and p99 (and the rest) of a histogram of microseconds, in milliseconds; null values when empty. */
    private static Map<String, Object> millis(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("min", rounded(Units.minMillis(h)));
        m.put("p50", rounded(Units.percentileMillis(h, 50)));
        m.put("p90", rounded(Units.percentileMillis(h, 90)));
        m.put("p99", rounded(Units.percentileMillis(h, 99)));
        m.put("max", rounded(Units.percentileMillis(h, 100)));
        return m;
    }

    /** The same of a histogram of bytes, in bytes. */
    private static Map<String, Object> bytes(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean any = h.getTotalCount() > 0;
        m.put("count", h.getTotalCount());
        m.put("min", any ? h.getMinValue() : null);
        m.put("p50", any ? h.getValueAtPercentile(50) : null);
        m.put("p90", any ? h.getValueAtPercentile(90) : null);
        m.put("p99", any ? h.getValueAtPercentile(99) : null);
        m.put("max", any ? h.getMaxValue() : null);
        return m;
    }

    private static Double rounded(double v) {
        return Double.isNaN(v) ? null : Units.round3(v);
    }
}
