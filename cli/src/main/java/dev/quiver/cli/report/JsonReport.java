package dev.quiver.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The machine report of one run: stable keys, documented in the README. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run as an ordered map tree. */
    public static Map<String, Object> tree(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", r.target());
        m.put("protocol", r.protocol());
        m.put("alpn", r.alpn());
        m.put("engine", r.engine());
        m.put("model", r.model());
        var p = r.parameters();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connections", p.connections());
        params.put("streams_per_connection", p.streamsPerConnection());
        params.put("requests", p.requests());
        params.put("duration_s", p.durationSeconds());
        params.put("rate", p.rate());
        params.put("timeout_s", p.timeoutSeconds());
        params.put("method", p.method());
        m.put("parameters", params);
        m.put("stop_reason", r.stopReason());
        m.put("duration_s", round(r.durationSeconds()));

        Map<String, Object> req = new LinkedHashMap<>();
        req.put("total", r.total());
        req.put("ok", r.ok());
        req.put("failed", r.failed());
        req.put("retried", r.retried());
        req.put("aborted", r.aborted());
        m.put("requests", req);
        m.put("rps", round(r.rps()));
        m.put("success_rate", round(r.successRate()));
        m.put("latency_ms", percentiles(r.latency()));
        m.put("first_byte_ms", percentiles(r.firstByte()));
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("connect", percentiles(r.connect()));
        phases.put("tls_handshake", percentiles(r.tlsHandshake()));
        phases.put("quic_handshake", percentiles(r.quicHandshake()));
        m.put("phases_ms", phases);
        m.put("status", r.status());
        m.put("errors", r.errors());

        TrackerCounts s = r.streams();
        Map<String, Object> streams = new LinkedHashMap<>();
        streams.put("opened", s.opened());
        for (StreamState st : StreamState.values()) {
            streams.put(st.key(), s.terminal(st));
        }
        streams.put("live", s.live());
        streams.put("double_terminal", s.doubleTerminal());
        streams.put("forced_by_watchdog", s.forcedByWatchdog());
        streams.put("peer_limit_min", r.peerStreamLimitMin() == Integer.MAX_VALUE ? null : r.peerStreamLimitMin());
        streams.put("credit_wait_ms", round(r.creditWaitMillis()));
        m.put("streams", streams);

        Map<String, Object> conns = new LinkedHashMap<>();
        conns.put("opened", r.connectionsOpened());
        conns.put("lost", r.connectionsLost());
        conns.put("connect_failures", r.connectFailures());
        conns.put("connect_errors", r.connectErrors());
        conns.put("goaway_received", r.goaways());
        m.put("connections", conns);

        if (r.protocol().equals("HTTP/3")) {
            var f = r.connectionFacts();
            Map<String, Object> quic = new LinkedHashMap<>();
            quic.put("versions", f.quicVersions());
            quic.put("alpn", r.alpn());
            quic.put("handshake_ms", percentiles(r.quicHandshake()));
            quic.put("resumed_connections", f.resumed());
            quic.put("early_data_connections", f.earlyData());
            quic.put("retry_connections", f.retry());
            quic.put("resumption_unknown_connections", f.unknownResumption());
            quic.put("peer_stream_limit_min", r.peerStreamLimitMin() == Integer.MAX_VALUE ? null : r.peerStreamLimitMin());
            m.put("quic", quic);
        }

        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("received", r.bytesIn());
        bytes.put("sent", r.bytesOut());
        m.put("bytes", bytes);

        List<Map<String, Object>> intervals = new ArrayList<>();
        for (IntervalSample i : r.intervals()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("t_s", round(i.elapsedSeconds()));
            x.put("completed", i.completed());
            x.put("failed", i.failed());
            x.put("rps", round(i.rps()));
            x.put("p50_ms", round(i.p50Millis()));
            x.put("p99_ms", round(i.p99Millis()));
            x.put("live", i.live());
            intervals.add(x);
        }
        m.put("intervals", intervals);
        m.put("stream_leak", !s.balanced());
        return m;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean any = h.getTotalCount() > 0;
        m.put("count", h.getTotalCount());
        m.put("min", any ? round(h.getMinValue() / 1000.0) : null);
        m.put("mean", any ? round(h.getMean() / 1000.0) : null);
        m.put("p50", any ? round(h.getValueAtPercentile(50) / 1000.0) : null);
        m.put("p90", any ? round(h.getValueAtPercentile(90) / 1000.0) : null);
        m.put("p99", any ? round(h.getValueAtPercentile(99) / 1000.0) : null);
        m.put("p999", any ? round(h.getValueAtPercentile(99.9) / 1000.0) : null);
        m.put("max", any ? round(h.getMaxValue() / 1000.0) : null);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
