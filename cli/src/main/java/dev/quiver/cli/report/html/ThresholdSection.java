package dev.quiver.cli.report.html;

import dev.quiver.core.threshold.ThresholdResult;
import dev.quiver.core.threshold.ThresholdResults;
import java.util.Map;

/**
 * The thresholds on an HTML page: per run (or per variant of a comparison) a table of each condition,
 * the figure it judged, and pass or fail, coloured; and which one ended the run early. Added before
 * the end of whatever page the command wrote, as the text and JSON reports add theirs.
 */
public final class ThresholdSection {

    private ThresholdSection() {
    }

    /**
     * {@code page} with a Thresholds section before its end; the page as it was when there are none.
     *
     * @param bySubject results by subject: an empty name for a run's own, else a variant's label
     */
    public static String addTo(String page, Map<String, ThresholdResults> bySubject) {
        int end = page.lastIndexOf("</body>");
        if (bySubject.isEmpty() || end < 0) {
            return page;
        }
        return page.substring(0, end) + section(bySubject) + page.substring(end);
    }

    static String section(Map<String, ThresholdResults> bySubject) {
        boolean all = bySubject.values().stream().allMatch(ThresholdResults::passed);
        StringBuilder b = new StringBuilder(2048);
        b.append("<section id=\"thresholds\"><h2>Thresholds</h2>\n<p class=\"summary").append(all ? "" : " fail").append("\">")
                .append(all ? "Every threshold passed." : "A threshold failed (exit code 7).").append("</p>\n")
                .append("<table><tr>").append(bySubject.containsKey("") ? "" : "<th>variant</th>")
                .append("<th>threshold</th><th>figure</th><th>value</th><th>verdict</th></tr>\n");
        for (Map.Entry<String, ThresholdResults> e : bySubject.entrySet()) {
            for (ThresholdResult t : e.getValue().results()) {
                b.append("<tr>");
                if (!e.getKey().isEmpty()) {
                    b.append("<td>").append(Svg.escape(e.getKey())).append("</td>");
                }
                b.append("<td><code>").append(Svg.escape(t.threshold().text())).append("</code></td><td>")
                        .append(Svg.escape(t.threshold().figure().name())).append("</td><td>").append(Svg.escape(t.actualText()))
                        .append("</td><td class=\"").append(t.passed() ? "pass" : "fail").append("\">")
                        .append(t.passed() ? "pass" : "fail").append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
        for (Map.Entry<String, ThresholdResults> e : bySubject.entrySet()) {
            ThresholdResults.Abort a = e.getValue().abortedBy();
            if (a != null) {
                b.append("<p class=\"meta\">").append(Svg.escape((e.getKey().isEmpty() ? "" : e.getKey() + ": ") + "run ended early: "
                        + a.threshold().text() + " could no longer pass: " + a.reason())).append("</p>\n");
            }
        }
        return b.append("</section>\n").toString();
    }
}
