package dev.quiver.cli.report.html;

import dev.quiver.cli.report.LeakCheckResult;
import dev.quiver.cli.report.LeakTextReport;
import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.leak.ResourceVerdict;
import dev.quiver.core.report.Units;
import java.util.List;

/**
 * A leak check as one self-contained HTML file ({@code leak-check --html FILE}): the verdict per
 * resource, each resource's readings over the phases as a plot, and the load's own run page below,
 * drawn by the same pieces as the run and comparison pages.
 */
public final class LeakHtmlReport {

    private LeakHtmlReport() {
    }

    public static String render(LeakCheckResult check) {
        LeakReport report = check.report();
        String verdict = report.overall().key();
        StringBuilder b = Page.open("quiver leak-check: " + check.run().target());
        Page.heading(b, "leak-check", check.run().target(), "Phases: " + LeakTextReport.phases(check.phases()), null);
        b.append("<p class=\"summary ").append(verdict).append("\" id=\"verdict\" data-verdict=\"").append(verdict).append("\">Verdict: ")
                .append(Svg.escape(LeakTextReport.verdict(report))).append("</p>\n");
        resources(b, report.resources());
        reasons(b, report);
        readings(b, report.resources());
        b.append("<h2 id=\"load\">The load</h2>\n");
        RunHtmlReport.section(b, check.run());
        return Page.close(b);
    }

    private static void resources(StringBuilder b, List<ResourceVerdict> resources) {
        b.append("<h2>Verdict per resource</h2>\n<table id=\"resources\"><thead><tr><th>resource</th><th>watcher</th>")
                .append("<th>baseline</th><th>peak</th><th>end of load</th><th>end of cool-down</th>")
                .append("<th>slope per 1k requests (95%)</th><th>verdict</th></tr></thead><tbody>\n");
        for (ResourceVerdict r : resources) {
            var u = r.resource().unit();
            b.append("<tr data-resource=\"").append(Svg.escape(r.resource().name())).append("\" data-verdict=\"")
                    .append(r.verdict().key()).append("\"><td>").append(Svg.escape(r.resource().name())).append("</td><td>")
                    .append(Svg.escape(r.watcher())).append("</td>");
            for (double v : new double[] {r.baseline(), r.peak(), r.endOfLoad(), r.endOfCooldown()}) {
                b.append("<td data-value=\"").append(Double.isNaN(v) ? "" : Double.toString(Units.round3(v))).append("\">")
                        .append(Svg.escape(u.format(v))).append("</td>");
            }
            b.append("<td>").append(Svg.escape(LeakTextReport.slope(r))).append("</td><td class=\"").append(r.verdict().key())
                    .append("\" title=\"").append(Svg.escape(r.reason())).append("\">").append(Svg.escape(r.verdict().label()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"meta\">A resource leaks when its growth per 1k completed requests is certain ")
                .append("to exceed the allowed slope and it stays above its baseline after the cool-down; one that comes back ")
                .append("is a pool or a cache (returned).</p>\n");
    }

    private static void reasons(StringBuilder b, LeakReport report) {
        b.append("<h2>Why</h2>\n<table id=\"reasons\"><tbody>\n");
        for (ResourceVerdict r : report.resources()) {
            b.append("<tr><td class=\"").append(r.verdict().key()).append("\">").append(Svg.escape(r.verdict().label()))
                    .append("</td><td class=\"text\">").append(Svg.escape(r.resource().name())).append(" (").append(Svg.escape(r.watcher()))
                    .append(")</td><td class=\"detail\">").append(Svg.escape(r.reason())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (!report.warnings().isEmpty()) {
            b.append("<h2>Warnings</h2>\n<ul id=\"warnings\">\n");
            report.warnings().forEach(w -> b.append("<li>").append(Svg.escape(w)).append("</li>\n"));
            b.append("</ul>\n");
        }
    }

    private static void readings(StringBuilder b, List<ResourceVerdict> resources) {
        b.append("<h2>Readings over time</h2>\n");
        ReadingPlot.legend(b);
        int drawn = 0;
        for (int i = 0; i < resources.size(); i++) {
            ResourceVerdict r = resources.get(i);
            if (r.points().isEmpty()) {
                continue;
            }
            Page.figure(b, "chart-resource-" + (i + 1), r.resource().name() + " (" + r.watcher() + "): " + r.verdict().label(),
                    ReadingPlot.render(r.resource().name(), r.resource().unit(), r.points(), drawn++));
        }
        if (drawn == 0) {
            b.append("<p>no readings</p>\n");
        }
    }
}
