package dev.quiver.cli.report.html;

import dev.quiver.cli.Version;
import dev.quiver.cli.report.RampReport;
import dev.quiver.cli.report.TransportText;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.TransportStats;
import dev.quiver.core.report.Units;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One run as a self-contained HTML file ({@code run --html FILE}): its figures, the percentile plot of
 * latency and first byte, throughput and p99 over time and where the streams ended, drawn by the
 * same pieces as the comparison's page.
 */
public final class RunHtmlReport {

    private static final String NOT_OFFERED = "not offered by this engine";

    private RunHtmlReport() {
    }

    public static String render(RunResult r) {
        StringBuilder b = Page.open("quiver run: " + r.target());
        b.append("<h1>quiver run</h1>\n");
        section(b, r);
        return Page.close(b);
    }

    /** The page without its head and title: also the load's part of a leak check's page. */
    static void section(StringBuilder b, RunResult r) {
        String label = r.protocol().displayName() + " " + r.engine();
        ChartSeries run = ChartSeries.of(label, r, r.histograms().latency());
        HonestyNotes.banner(b, null, r);
        b.append("<p class=\"meta\">Target <code>").append(Svg.escape(r.target())).append("</code></p>\n");
        b.append("<p class=\"meta\">").append(Svg.escape(workload(r))).append("</p>\n");
        b.append("<p class=\"meta\">quiver ").append(Svg.escape(Version.get())).append(", started ")
                .append(Svg.escape(Instant.EPOCH.plus(r.window().startMicros(), ChronoUnit.MICROS).toString()))
                .append(", Java ").append(Svg.escape(Runtime.version().toString())).append("</p>\n");
        HonestyNotes.meta(b, r);
        b.append("<p class=\"summary\" id=\"summary\">").append(Svg.escape(summary(r))).append("</p>\n");
        figures(b, r);
        PerRequestSection.render(b, r);

        b.append("<h2>Charts</h2>\n");
        List<ChartSeries> timings = List.of(ChartSeries.of("latency", r, r.histograms().latency()),
                ChartSeries.of("first byte", r, r.histograms().firstByte()));
        Page.legend(b, timings, "none");
        Page.figure(b, "chart-percentiles", "Latency and time to first byte by percentile (the classic HdrHistogram plot)",
                PercentilePlot.render(timings));
        Page.figure(b, "chart-throughput", "Throughput over time (completed requests per second, per interval)",
                TimePlot.render(List.of(run), "throughput over time", "req/s", "seconds into the run", s -> s.rps()));
        Page.figure(b, "chart-p99", "p99 latency over time (per interval)",
                TimePlot.render(List.of(run), "p99 latency over time", "p99 (ms)", "seconds into the run", s -> s.p99Millis()));
        Page.figure(b, "chart-streams", "Stream states and failed requests", StreamStateBars.render(List.of(run)));
        RampSection.render(b, r);
        counts(b, "status", "Status codes", "status", "responses", r.status());
        counts(b, "errors", "Errors", "category", "requests", r.errors());
        transport(b, r.transport(), TransportText.requestStreams(r));
        parameters(b, r);
    }

    private static String workload(RunResult r) {
        var p = r.parameters();
        String model = r.ramp() != null ? RampReport.model(r.ramp()) + " model" : r.model() == LoadModel.OPEN
                ? String.format(Locale.ROOT, "open model, %.1f req/s; latency from the intended start", p.rate())
                : "closed model; latency from the actual start";
        return String.format(Locale.ROOT, "%s (engine %s%s), %s, %d connections x %d streams, stopped by %s",
                r.protocol().displayName(), r.engine(), r.alpn().isEmpty() ? "" : ", ALPN " + r.alpn(), model,
                p.connections(), p.streamsPerConnection(), r.stopReason().key());
    }

    /** The run in one sentence: how many, how fast, the tail, what failed, whether the books balance. */
    static String summary(RunResult r) {
        var q = r.requests();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d requests in %.3f s: %.1f req/s", q.total(),
                r.durationSeconds(), r.rps()));
        double p99 = Units.percentileMillis(r.histograms().latency(), 99);
        if (!Double.isNaN(p99)) {
            s.append(String.format(Locale.ROOT, ", p99 latency %.3f ms", p99));
        }
        s.append(String.format(Locale.ROOT, "; %d failed, %d aborted at the end, %d retried", q.failed(), q.aborted(), q.retried()));
        s.append(r.streams().balanced() ? "; every stream reached exactly one terminal state."
                : "; stream leak: " + r.leakedStreams() + " streams never reached a terminal state.");
        return s.toString();
    }

    private static void figures(StringBuilder b, RunResult r) {
        var q = r.requests();
        var c = r.connections();
        b.append("<h2>Figures</h2>\n<table id=\"figures\"><tbody>\n");
        row(b, "total", "requests", q.total(), Long.toString(q.total()));
        row(b, "ok", "completed", q.ok(), Long.toString(q.ok()));
        row(b, "failed", "failed", q.failed(), Long.toString(q.failed()));
        row(b, "aborted", "aborted at end", q.aborted(), Long.toString(q.aborted()));
        row(b, "retried", "retried", q.retried(), Long.toString(q.retried()));
        row(b, "rps", "req/s", r.rps(), String.format(Locale.ROOT, "%.1f", r.rps()));
        row(b, "success_rate", "success rate", r.successRate(), String.format(Locale.ROOT, "%.2f %%", r.successRate() * 100));
        Histogram latency = r.histograms().latency();
        millis(b, "latency_p50_ms", "latency p50", latency, 50);
        millis(b, "latency_p90_ms", "latency p90", latency, 90);
        millis(b, "latency_p99_ms", "latency p99", latency, 99);
        millis(b, "latency_p999_ms", "latency p99.9", latency, 99.9);
        millis(b, "latency_max_ms", "latency max", latency, 100);
        millis(b, "first_byte_p50_ms", "first byte p50", r.histograms().firstByte(), 50);
        millis(b, "first_byte_p99_ms", "first byte p99", r.histograms().firstByte(), 99);
        Map<Metric, String> phases = Map.of(Metric.CONNECT, "TCP connect", Metric.TLS_HANDSHAKE, "TLS handshake",
                Metric.QUIC_HANDSHAKE, "QUIC handshake");
        for (Metric m : List.of(Metric.CONNECT, Metric.TLS_HANDSHAKE, Metric.QUIC_HANDSHAKE)) {
            if (r.histograms().get(m).getTotalCount() > 0) {
                millis(b, m.key() + "_p50_ms", phases.get(m) + " p50", r.histograms().get(m), 50);
            }
        }
        row(b, "bytes_received", "received (bodies)", r.bytes().received(), Units.formatBytes(r.bytes().received()));
        row(b, "bytes_sent", "sent (bodies)", r.bytes().sent(), Units.formatBytes(r.bytes().sent()));
        row(b, "connections_opened", "connections opened", c.opened(), Long.toString(c.opened()));
        row(b, "connections_lost", "connections lost", c.lost(), Long.toString(c.lost()));
        row(b, "connect_failures", "connect failures", c.connectFailures(), Long.toString(c.connectFailures()));
        row(b, "goaway_received", "GOAWAY received", c.goaways(), Long.toString(c.goaways()));
        if (r.protocol() != Protocol.HTTP_1_1) {
            row(b, "credit_wait_ms", "waited for stream credit", c.creditWaitMillis(), Units.formatMillis(c.creditWaitMillis()));
        }
        b.append("</tbody></table>\n");
    }

    /**
     * What the transport did, from the stack (QUIC counters, TCP_INFO), with packets sent per request where
     * every connection reported; a figure the stack does not offer says so.
     */
    private static void transport(StringBuilder b, TransportStats t, long requestStreams) {
        b.append("<h2>Transport</h2>\n");
        if (t.connections() == 0 || t.kind() == null) {
            b.append("<p id=\"transport\">").append(Svg.escape(TransportText.lines(t, 0).get(0))).append("</p>\n");
            return;
        }
        b.append("<p class=\"meta\">").append(Svg.escape(TransportText.source(t)))
                .append("</p>\n<table id=\"transport\"><tbody>\n");
        count(b, "transport_packets_sent", "packets sent", t.packetsSent());
        if (t.packetsSent() != null && requestStreams > 0) {
            double perRequest = (double) t.packetsSent() / requestStreams;
            row(b, "transport_packets_per_request", "packets sent per request", perRequest,
                    String.format(Locale.ROOT, "%.2f", perRequest));
        }
        count(b, "transport_packets_lost", "packets lost", t.packetsLost());
        count(b, "transport_retransmits", t.kind() == TransportSample.Kind.TCP ? "retransmitted segments"
                : "packets with retransmitted data", t.retransmits());
        Long resent = t.retransmittedBytes();
        row(b, "transport_retransmitted_bytes", "retransmitted stream bytes", resent == null ? Double.NaN : resent,
                resent == null ? NOT_OFFERED : Units.formatBytes(resent));
        millis(b, "transport_srtt_p50_ms", "smoothed RTT p50", t.srttMicros(), 50);
        millis(b, "transport_srtt_p99_ms", "smoothed RTT p99", t.srttMicros(), 99);
        for (double q : new double[] {50, 99}) {
            boolean any = t.cwndBytes().getTotalCount() > 0;
            long v = any ? t.cwndBytes().getValueAtPercentile(q) : 0;
            row(b, "transport_cwnd_p" + (int) q + "_bytes", "congestion window p" + (int) q, any ? v : Double.NaN,
                    any ? Units.formatBytes(v) : NOT_OFFERED);
        }
        b.append("</tbody></table>\n");
    }

    private static void count(StringBuilder b, String key, String title, Long v) {
        row(b, key, title, v == null ? Double.NaN : v, v == null ? NOT_OFFERED : Long.toString(v));
    }

    private static void millis(StringBuilder b, String key, String title, Histogram h, double q) {
        double ms = Units.percentileMillis(h, q);
        row(b, key, title, ms, Double.isNaN(ms) ? "-" : Units.formatMillis(ms));
    }

    /** A figure with its value for machines ({@code data-value}, three decimals) and for people. */
    private static void row(StringBuilder b, String key, String title, double value, String shown) {
        double v = Units.round3(value);
        b.append("<tr data-row=\"").append(key).append("\"><td>").append(Svg.escape(title)).append("</td><td data-value=\"")
                .append(Double.isNaN(value) ? "" : Double.toString(v)).append("\">").append(Svg.escape(shown)).append("</td></tr>\n");
    }

    private static void counts(StringBuilder b, String id, String title, String what, String unit, Map<String, Long> counts) {
        b.append("<h2>").append(title).append("</h2>\n");
        if (counts.isEmpty()) {
            b.append("<p>none</p>\n");
            return;
        }
        b.append("<table id=\"").append(id).append("\"><thead><tr><th>").append(what).append("</th><th>").append(unit)
                .append("</th></tr></thead><tbody>\n");
        counts.forEach((k, n) -> b.append("<tr><td>").append(Svg.escape(k)).append("</td><td>").append(n).append("</td></tr>\n"));
        b.append("</tbody></table>\n");
    }

    private static void parameters(StringBuilder b, RunResult r) {
        var p = r.parameters();
        b.append("<h2>Parameters</h2>\n<table id=\"parameters\"><tbody>\n");
        Page.param(b, "target", r.target());
        Page.param(b, "protocol", r.protocol().displayName() + (r.alpn().isEmpty() ? "" : " (ALPN " + r.alpn() + ")"));
        Page.param(b, "engine", r.engine());
        Page.param(b, "connections (-c)", Integer.toString(p.connections()));
        Page.param(b, "streams per connection (-p)", Integer.toString(p.streamsPerConnection()));
        Page.param(b, "requests (-n)", p.requests() > 0 ? Long.toString(p.requests()) : "-");
        Page.param(b, "duration (-z)", p.durationSeconds() > 0 ? p.durationSeconds() + " s" : "-");
        Page.param(b, "rate (-q)", p.rate() > 0 ? p.rate() + " req/s (open model)" : "closed model");
        if (r.ramp() != null) {
            Page.param(b, "ramp (" + r.ramp().kind().flag() + ")", r.ramp().text());
        }
        Page.param(b, "method", p.method());
        Page.param(b, "request timeout", p.timeoutSeconds() + " s");
        Page.param(b, "quiver version", Version.get());
        b.append("</tbody></table>\n");
    }
}
