package dev.quiver.cli.report.html;

import dev.quiver.cli.report.ClientBoundReport;
import dev.quiver.cli.report.WarmupReport;
import dev.quiver.core.report.RunResult;

/**
 * What a page says about how far its figures can be trusted: a banner when quiver itself was the
 * bottleneck ({@code id="client-bound"}), the client's own load, and the warm-up that ran before the
 * measured part. The same words as the text report.
 */
final class HonestyNotes {

    private static final String BANNER_STYLE = "background:#fff3e0;border-left:4px solid #e65100;padding:10px 14px;font-weight:600";

    private HonestyNotes() {
    }

    /**
     * The banner, when {@code r} was client-bound.
     *
     * @param who whose result it is (a compare variant's label), or null for the page's one run
     */
    static void banner(StringBuilder b, String who, RunResult r) {
        String warning = ClientBoundReport.warning(r);
        if (warning == null) {
            return;
        }
        b.append("<p class=\"warning client-bound\"").append(who == null ? " id=\"client-bound\"" : "")
                .append(" style=\"").append(BANNER_STYLE).append("\">Warning: ")
                .append(Svg.escape(who == null ? warning : who + ": " + warning)).append("</p>\n");
    }

    /** The client's own load and the warm-up, as lines under the page's header. */
    static void meta(StringBuilder b, RunResult r) {
        if (r.clientBound().sampledSeconds() > 0) {
            b.append("<p class=\"meta\" id=\"client-load\">Client load: ")
                    .append(Svg.escape(ClientBoundReport.figures(r.clientBound()) + " (" + r.clientBound().measured() + ")"))
                    .append("</p>\n");
        }
        String warmup = WarmupReport.sentence(r);
        if (warmup != null) {
            b.append("<p class=\"meta\" id=\"warmup\">").append(Svg.escape(Character.toUpperCase(warmup.charAt(0)) + warmup.substring(1)))
                    .append('.');
            if (!r.warmup().errors().isEmpty()) {
                b.append(" Its errors: ");
                StringBuilder e = new StringBuilder();
                r.warmup().errors().forEach((k, n) -> e.append(e.isEmpty() ? "" : ", ").append(k).append(" (").append(n).append(')'));
                b.append(Svg.escape(e.toString())).append('.');
            }
            b.append("</p>\n");
        }
    }
}
