package dev.quiver.cli.report.html;

import dev.quiver.cli.Version;
import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.compare.Round;
import dev.quiver.cli.compare.Row;
import dev.quiver.cli.compare.Rows;
import dev.quiver.cli.compare.VariantResult;
import dev.quiver.cli.compare.Verdict;
import dev.quiver.cli.report.CompareText;
import dev.quiver.core.report.Units;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as one self-contained HTML file: the table, and charts drawn here as inline SVG,
 * so the page needs no script, no font and no network fetch to show everything.
 */
public final class CompareHtmlReport {

    private static final String ROUNDS_END_TO_END = "seconds into the variant's run (rounds end to end)";

    private CompareHtmlReport() {
    }

    public static String render(ComparisonResult c) {
        List<VariantResult> vs = c.variants();
        List<ChartSeries> series = ChartSeries.of(vs);
        StringBuilder b = Page.open("quiver compare: " + c.spec().target().url());
        b.append("<h1>quiver compare</h1>\n");
        vs.stream().filter(VariantResult::ran).forEach(v -> HonestyNotes.banner(b, v.variant().label(), v.merged()));
        b.append("<p class=\"meta\">Target <code>").append(Svg.escape(c.spec().target().url())).append("</code></p>\n");
        b.append("<p class=\"meta\">").append(Svg.escape(CompareText.workload(c))).append("</p>\n");
        b.append("<p class=\"meta\">quiver ").append(Svg.escape(Version.get())).append(", started ")
                .append(Svg.escape(c.started().toString())).append(", Java ").append(Svg.escape(Runtime.version().toString()))
                .append("</p>\n");
        b.append("<p class=\"summary\" id=\"summary\">").append(Svg.escape(Verdict.of(c))).append("</p>\n");

        table(b, c);
        for (int i = 0; i < vs.size(); i++) {
            if (vs.get(i).ran()) {
                PerRequestSection.render(b, vs.get(i).merged(), "Per request, " + vs.get(i).variant().label(), "per-request-" + i);
            }
        }
        b.append("<h2>Charts</h2>\n");
        Page.legend(b, series, "failed, not plotted");
        Page.figure(b, "chart-percentiles", "Latency by percentile (all variants; the classic HdrHistogram plot)",
                PercentilePlot.render(series));
        Page.figure(b, "chart-throughput", "Throughput over time (completed requests per second, per interval)",
                TimePlot.render(series, "throughput over time", "req/s", ROUNDS_END_TO_END, s -> s.rps()));
        Page.figure(b, "chart-p99", "p99 latency over time (per interval)",
                TimePlot.render(series, "p99 latency over time", "p99 (ms)", ROUNDS_END_TO_END, s -> s.p99Millis()));
        Page.figure(b, "chart-streams", "Stream states and failed requests", StreamStateBars.render(series));
        errors(b, vs);
        rounds(b, c);
        parameters(b, c);
        return Page.close(b);
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
        Page.param(b, "target", c.spec().target().url());
        Page.param(b, "connections (-c)", Integer.toString(w.connections()));
        Page.param(b, "streams per connection (-p)", Integer.toString(w.streamsPerConnection()));
        Page.param(b, "HTTP/1.1 connections (-c x -p)", Integer.toString(c.inFlight()));
        Page.param(b, "requests (-n)", w.requests() > 0 ? Long.toString(w.requests()) : "-");
        Page.param(b, "duration (-z)", w.duration() == null ? "-" : Units.seconds(w.duration()) + " s");
        Page.param(b, "rate (-q)", w.rate() > 0 ? w.rate() + " req/s (open model)" : "closed model");
        if (w.ramp() != null) {
            Page.param(b, "ramp (" + w.ramp().kind().flag() + ")", w.ramp().text());
        }
        Page.param(b, "method", c.spec().requests().methods());
        Page.param(b, "request timeout", Units.seconds(w.timeout()) + " s");
        Page.param(b, "rounds", c.rounds() + (c.rounds() > 1 ? ", interleaved" : ""));
        Page.param(b, "quiver version", Version.get());
        b.append("</tbody></table>\n");
    }}
