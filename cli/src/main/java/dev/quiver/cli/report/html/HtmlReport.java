package dev.quiver.cli.report.html;

import dev.quiver.cli.Version;
import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.compare.Round;
import dev.quiver.cli.compare.Row;
import dev.quiver.cli.compare.Rows;
import dev.quiver.cli.compare.VariantResult;
import dev.quiver.cli.compare.Verdict;
import dev.quiver.cli.report.CompareText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as one self-contained HTML file: the table, and charts drawn here as inline SVG,
 * so the page needs no script, no font and no network fetch to show everything.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:4px}
            .meta{color:#555;margin:.2em 0}table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums}
            th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}th:first-child,td:first-child{text-align:left}
            td.win{font-weight:700;background:#e8f5e9}td.failed,.failed{color:#c62828}.summary{font-size:1.05em;background:#f5f7fa;padding:10px 14px;border-left:4px solid #1f77b4}
            figure.chart{margin:1em 0}figure.chart svg{width:100%;height:auto;background:#fff}figcaption{color:#444;margin-bottom:4px}
            .legend span{display:inline-block;margin-right:16px}.legend i{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
            svg .grid{stroke:#eee;stroke-width:1}svg .frame{fill:none;stroke:#999}svg .tick{font-size:11px;fill:#444}
            svg .axis-title{font-size:12px;fill:#333}svg path.series{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
            code{background:#f3f3f3;padding:1px 4px}
            """;

    private HtmlReport() {
    }

    public static String render(ComparisonResult c) {
        List<VariantResult> vs = c.variants();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>quiver compare: ").append(Svg.escape(c.spec().target().url())).append("</title>\n")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        b.append("<h1>quiver compare</h1>\n");
        b.append("<p class=\"meta\">Target <code>").append(Svg.escape(c.spec().target().url())).append("</code></p>\n");
        b.append("<p class=\"meta\">").append(Svg.escape(CompareText.workload(c))).append("</p>\n");
        b.append("<p class=\"meta\">quiver ").append(Svg.escape(Version.get())).append(", started ")
                .append(Svg.escape(c.started().toString())).append(", Java ").append(Svg.escape(Runtime.version().toString()))
                .append("</p>\n");
        b.append("<p class=\"summary\" id=\"summary\">").append(Svg.escape(Verdict.of(c))).append("</p>\n");

        table(b, c);
        legend(b, vs);
        figure(b, "chart-percentiles", "Latency by percentile (all variants; the classic HdrHistogram plot)",
                PercentilePlot.render(vs));
        figure(b, "chart-throughput", "Throughput over time (completed requests per second, per interval)",
                TimePlot.render(vs, "throughput over time", "req/s", s -> s.rps()));
        figure(b, "chart-p99", "p99 latency over time (per interval)",
                TimePlot.render(vs, "p99 latency over time", "p99 (ms)", s -> s.p99Millis()));
        figure(b, "chart-streams", "Stream states and failed requests", StreamStateBars.render(vs));
        errors(b, vs);
        rounds(b, c);
        parameters(b, c);
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, ComparisonResult c) {
        List<VariantResult> vs = c.variants();
        b.append("<h2>Side by side</h2>\n<table id=\"comparison\"><thead><tr><th></th>");
        for (VariantResult v : vs) {
            b.append("<th").append(v.failure() != null ? " class=\"failed\"" : "").append('>')
                    .append(Svg.escape(v.variant().label())).append(v.failure() != null ? " (failed)" : "").append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Row row : Rows.shown(c.rounds())) {
            List<Integer> winners = row.winners(vs);
            b.append("<tr data-row=\"").append(row.key()).append("\"><td>").append(Svg.escape(row.title())).append("</td>");
            for (int i = 0; i < vs.size(); i++) {
                double x = Row.rounded(row.of(vs.get(i)));
                b.append("<td data-variant=\"").append(Svg.escape(vs.get(i).variant().label())).append("\" data-value=\"")
                        .append(Double.isNaN(x) ? "" : Double.toString(x)).append('"')
                        .append(winners.contains(i) ? " class=\"win\" title=\"best in this row\"" : "").append('>')
                        .append(Svg.escape(row.unit().format(x))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("<tr data-row=\"streams\"><td>streams</td>");
        for (VariantResult v : vs) {
            b.append("<td").append(v.failure() != null ? " class=\"failed\"" : "").append('>')
                    .append(Svg.escape(Rows.streams(v))).append("</td>");
        }
        b.append("</tr>\n</tbody></table>\n<p class=\"meta\">Bold on green: best in its row. Latencies in ms; ")
                .append("connection set-up is TCP connect + TLS handshake (p50 of each) over TCP, the QUIC handshake for HTTP/3.</p>\n");
    }

    private static void legend(StringBuilder b, List<VariantResult> vs) {
        b.append("<h2>Charts</h2>\n<p class=\"legend\">");
        for (int i = 0; i < vs.size(); i++) {
            b.append("<span><i style=\"background:").append(Svg.color(i)).append("\"></i>")
                    .append(Svg.escape(vs.get(i).variant().label())).append(vs.get(i).ran() ? "" : " (failed, not plotted)")
                    .append("</span>");
        }
        b.append("</p>\n");
    }

    private static void figure(StringBuilder b, String id, String caption, String svg) {
        b.append("<figure class=\"chart\" id=\"").append(id).append("\"><figcaption>").append(Svg.escape(caption))
                .append("</figcaption>\n").append(svg).append("</figure>\n");
    }

    private static void errors(StringBuilder b, List<VariantResult> vs) {
        b.append("<h2>Errors</h2>\n");
        boolean any = false;
        StringBuilder t = new StringBuilder("<table id=\"errors\"><thead><tr><th>variant</th><th>category</th><th>requests</th></tr></thead><tbody>\n");
        for (VariantResult v : vs) {
            if (v.failure() != null) {
                any = true;
                t.append("<tr><td>").append(Svg.escape(v.variant().label())).append("</td><td class=\"failed\">")
                        .append(Svg.escape(v.failure())).append("</td><td>variant failed</td></tr>\n");
            }
            if (v.ran()) {
                for (Map.Entry<String, Long> e : v.merged().errors().entrySet()) {
                    any = true;
                    t.append("<tr><td>").append(Svg.escape(v.variant().label())).append("</td><td>").append(Svg.escape(e.getKey()))
                            .append("</td><td>").append(e.getValue()).append("</td></tr>\n");
                }
            }
        }
        b.append(any ? t.append("</tbody></table>\n") : "<p>none</p>\n");
    }

    private static void rounds(StringBuilder b, ComparisonResult c) {
        b.append("<h2>Rounds</h2>\n<table id=\"rounds\"><thead><tr><th>variant</th><th>round</th><th>requests</th><th>ok</th>")
                .append("<th>failed</th><th>seconds</th><th>req/s</th><th>quiver CPU s</th></tr></thead><tbody>\n");
        for (VariantResult v : c.variants()) {
            for (int i = 0; i < v.rounds().size(); i++) {
                Round r = v.rounds().get(i);
                b.append(String.format(Locale.ROOT,
                        "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%.3f</td><td>%.1f</td><td>%.3f</td></tr>%n",
                        Svg.escape(v.variant().label()), i + 1, r.total(), r.ok(), r.failed(), r.durationSeconds(), r.rps(),
                        r.cpuSeconds()));
            }
        }
        b.append("</tbody></table>\n");
    }

    private static void parameters(StringBuilder b, ComparisonResult c) {
        var w = c.spec().workload();
        b.append("<h2>Parameters</h2>\n<table id=\"parameters\"><tbody>\n");
        param(b, "target", c.spec().target().url());
        param(b, "connections (-c)", Integer.toString(w.connections()));
        param(b, "streams per connection (-p)", Integer.toString(w.streamsPerConnection()));
        param(b, "HTTP/1.1 connections (-c x -p)", Integer.toString(c.inFlight()));
        param(b, "requests (-n)", w.requests() > 0 ? Long.toString(w.requests()) : "-");
        param(b, "duration (-z)", w.duration() == null ? "-" : w.duration().toMillis() / 1000.0 + " s");
        param(b, "rate (-q)", w.rate() > 0 ? w.rate() + " req/s (open model)" : "closed model");
        param(b, "method", c.spec().request().method());
        param(b, "request timeout", w.timeout().toMillis() / 1000.0 + " s");
        param(b, "rounds", c.rounds() + (c.rounds() > 1 ? ", interleaved" : ""));
        param(b, "quiver version", Version.get());
        b.append("</tbody></table>\n");
    }

    private static void param(StringBuilder b, String name, String value) {
        b.append("<tr><td>").append(Svg.escape(name)).append("</td><td>").append(Svg.escape(value)).append("</td></tr>\n");
    }
}
