package dev.quiver.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.CompressedHistogram;
import dev.quiver.core.report.Interval;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The machine report of one run: stable keys, documented in the README. Beside the percentiles it
 * carries every histogram in HdrHistogram's compressed base64 form, in total and per interval, so
 * that {@link RunJsonReader} reads back a result that merges exactly.
 */
public final class JsonReport {

    /** How the histograms are written, stated in every report. */
    static final String HISTOGRAM_ENCODING = "HdrHistogram V2 compressed, base64 (as HistogramLogWriter writes intervals)";

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

    /** The report as a JSON document. */
    public static String render(RunResult r) {
        return toJson(tree(r)) + System.lineSeparator();
    }

    /** One run as an ordered map tree. */
    public static Map<String, Object> tree(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", r.target());
        m.put("protocol", r.protocol().displayName());
        m.put("alpn", r.alpn());
        m.put("engine", r.engine());
        m.put("model", r.model().key());
        var p = r.parameters();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connections", p.connections());
        params.put("streams_per_connection", p.streamsPerConnection());
        params.put("requests", p.requests());
        params.put("duration_s", p.durationSeconds());
        params.put("rate", p.rate());
        params.put("timeout_s", p.timeoutSeconds());
        params.put("method", p.method());
        params.put("max_connecting", p.maxConnecting());
        m.put("parameters", params);
        m.put("stop_reason", r.stopReason().key());
        m.put("duration_s", round(r.durationSeconds()));
        var w = r.window();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", Instant.EPOCH.plus(w.startMicros(), ChronoUnit.MICROS).toString());
        window.put("start_epoch_us", w.startMicros());
        window.put("duration_us", w.durationMicros());
        window.put("interval_us", w.intervalMicros());
        m.put("window", window);

        var q = r.requests();
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("total", q.total());
        req.put("ok", q.ok());
        req.put("failed", q.failed());
        req.put("retried", q.retried());
        req.put("aborted", q.aborted());
        m.put("requests", req);
        m.put("rps", round(r.rps()));
        m.put("success_rate", round(r.successRate()));
        m.put("latency_ms", percentiles(r.histograms().latency()));
        m.put("first_byte_ms", percentiles(r.histograms().firstByte()));
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("connect", percentiles(r.histograms().connect()));
        phases.put("tls_handshake", percentiles(r.histograms().tlsHandshake()));
        phases.put("quic_handshake", percentiles(r.histograms().quicHandshake()));
        m.put("phases_ms", phases);
        Map<String, Object> histograms = new LinkedHashMap<>();
        histograms.put("unit", "us");
        histograms.put("encoding", HISTOGRAM_ENCODING);
        for (Metric metric : Metric.values()) {
            histograms.put(key(metric), CompressedHistogram.of(r.histograms().get(metric)).base64());
        }
        m.put("histograms", histograms);
        m.put("status", r.status());
        m.put("errors", r.errors());

        TrackerCounts s = r.streams();
        var c = r.connections();
        Map<String, Object> streams = new LinkedHashMap<>();
        streams.put("opened", s.opened());
        for (StreamState st : StreamState.values()) {
            streams.put(st.key(), s.terminal(st));
        }
        streams.put("live", s.live());
        streams.put("double_terminal", s.doubleTerminal());
        streams.put("forced_by_watchdog", s.forcedByWatchdog());
        streams.put("peer_limit_min", limit(c.peerStreamLimitMin()));
        streams.put("peer_limit_max", limit(c.peerStreamLimitMax()));
        streams.put("credit_wait_ms", round(c.creditWaitMillis()));
        streams.put("connections_registered", s.connectionsRegistered());
        streams.put("connections_live", s.connectionsLive());
        m.put("streams", streams);

        var f = c.facts();
        Map<String, Object> conns = new LinkedHashMap<>();
        conns.put("opened", c.opened());
        conns.put("lost", c.lost());
        conns.put("connect_failures", c.connectFailures());
        conns.put("connect_errors", c.connectErrors());
        conns.put("goaway_received", c.goaways());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("quic_versions", f.quicVersions());
        facts.put("resumed", f.resumed());
        facts.put("early_data", f.earlyData());
        facts.put("retry", f.retry());
        facts.put("resumption_unknown", f.unknownResumption());
        conns.put("facts", facts);
        m.put("connections", conns);

        if (r.protocol() == Protocol.HTTP_3) {
            Map<String, Object> quic = new LinkedHashMap<>();
            quic.put("versions", f.quicVersions());
            quic.put("alpn", r.alpn());
            quic.put("handshake_ms", percentiles(r.histograms().quicHandshake()));
            quic.put("resumed_connections", f.resumed());
            quic.put("early_data_connections", f.earlyData());
            quic.put("retry_connections", f.retry());
            quic.put("resumption_unknown_connections", f.unknownResumption());
            quic.put("peer_stream_limit_min", limit(c.peerStreamLimitMin()));
            m.put("quic", quic);
        }

        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("received", r.bytes().received());
        bytes.put("sent", r.bytes().sent());
        m.put("bytes", bytes);
        m.put(TransportJson.KEY, TransportJson.tree(r.transport()));

        List<Map<String, Object>> intervals = new ArrayList<>();
        long start = r.window().startMicros();
        for (Interval i : r.intervals()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("t_s", round(Units.seconds(i.endMicros() - start)));
            x.put("completed", i.completed());
            x.put("failed", i.failed());
            x.put("rps", round(i.rps()));
            x.put("p50_ms", round(i.p50Millis()));
            x.put("p99_ms", round(i.p99Millis()));
            x.put("live", i.live());
            x.put("started", i.offered().started());
            x.put("connections", i.offered().connections());
            RampReport.putTarget(x, r, i);
            x.put("start_epoch_us", i.startMicros());
            x.put("length_us", i.lengthMicros());
            Map<String, Object> h = new LinkedHashMap<>();
            i.histograms().forEach((metric, compressed) -> h.put(key(metric), compressed.base64()));
            x.put("histograms", h);
            intervals.add(x);
        }
        m.put("intervals", intervals);
        m.put("stream_leak", !s.balanced());
        m.put("warmup", WarmupReport.tree(r.warmup()));
        m.put("client_bound", ClientBoundReport.tree(r.clientBound()));
        m.put("ramp", RampReport.tree(r.ramp()));
        PerRequestReport.put(m, r);
        return m;
    }

    /** The JSON key of a metric's histogram: {@code first_byte_us}. */
    static String key(Metric m) {
        return m.key() + "_us";
    }

    /** A peer's stream limit: null for none ({@link Integer#MAX_VALUE}), -1 when no peer announced one. */
    private static Integer limit(int v) {
        return v == Integer.MAX_VALUE ? null : v;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("min", rounded(Units.minMillis(h)));
        m.put("mean", rounded(Units.meanMillis(h)));
        m.put("p50", rounded(Units.percentileMillis(h, 50)));
        m.put("p90", rounded(Units.percentileMillis(h, 90)));
        m.put("p99", rounded(Units.percentileMillis(h, 99)));
        m.put("p999", rounded(Units.percentileMillis(h, 99.9)));
        m.put("max", rounded(Units.percentileMillis(h, 100)));
        return m;
    }

    /** Three decimals; null for no value. */
    private static Double rounded(double v) {
        return Double.isNaN(v) ? null : round(v);
    }

    static double round(double v) {
        return Units.round3(v);
    }
}
