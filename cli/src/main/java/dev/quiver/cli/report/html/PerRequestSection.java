package dev.quiver.cli.report.html;

import dev.quiver.core.report.RequestResult;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The requests of a {@code --urls} file on the HTML page: one table row each; nothing for a run of one URL. */
final class PerRequestSection {

    private PerRequestSection() {
    }

    static void render(StringBuilder b, RunResult r) {
        render(b, r, "Per request", "per-request");
    }

    /** The table under {@code title}, with this element id (a comparison has one per variant). */
    static void render(StringBuilder b, RunResult r, String title, String id) {
        if (r.perRequest().isEmpty()) {
            return;
        }
        long all = 0;
        for (RequestResult row : r.perRequest()) {
            all += row.requests();
        }
        b.append("<h2>").append(Svg.escape(title)).append("</h2>\n<table id=\"").append(Svg.escape(id)).append("\"><thead><tr><th>request</th><th>weight</th><th>share</th>"
                + "<th>requests</th><th>ok</th><th>failed</th><th>p50</th><th>p90</th><th>p99</th><th>max</th>"
                + "<th>mean</th><th>status</th></tr></thead><tbody>\n");
        for (RequestResult row : r.perRequest()) {
            Histogram h = row.latency();
            b.append("<tr data-row=\"").append(Svg.escape(row.label())).append("\"><td><code>").append(Svg.escape(row.label()))
                    .append("</code></td><td>").append(row.weight()).append("</td><td>")
                    .append(all == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * row.requests() / all))
                    .append("</td><td>").append(row.requests()).append("</td><td>").append(row.ok()).append("</td><td>")
                    .append(row.failed()).append("</td>");
            for (double q : new double[] {50, 90, 99, 100}) {
                cell(b, h.getTotalCount() > 0 ? Units.percentileMillis(h, q) : Double.NaN);
            }
            cell(b, h.getTotalCount() > 0 ? Units.meanMillis(h) : Double.NaN);
            List<String> status = new ArrayList<>();
            row.status().forEach((k, v) -> status.add(k + " x" + v));
            b.append("<td>").append(Svg.escape(status.isEmpty() ? "-" : String.join(", ", status))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void cell(StringBuilder b, double millis) {
        b.append("<td data-value=\"").append(Double.isNaN(millis) ? "" : Double.toString(Units.round3(millis))).append("\">")
                .append(Double.isNaN(millis) ? "-" : Svg.escape(Units.formatMillis(millis))).append("</td>");
    }
}
