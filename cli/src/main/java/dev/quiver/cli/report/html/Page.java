package dev.quiver.cli.report.html;

import dev.quiver.cli.Version;
import java.util.List;

/** What every quiver HTML page shares: its head and style, figures, the legend and parameter rows. */
final class Page {

    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:4px}
            .meta{color:#555;margin:.2em 0}table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums}
            th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}th:first-child,td:first-child{text-align:left}
            td.win{font-weight:700;background:#e8f5e9}td.failed,.failed{color:#c62828}.summary{font-size:1.05em;background:#f5f7fa;padding:10px 14px;border-left:4px solid #1f77b4}
            figure.chart{margin:1em 0}figure.chart svg{width:100%;height:auto;background:#fff}figcaption{color:#444;margin-bottom:4px}
            .legend span{display:inline-block;margin-right:16px}.legend i{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
            svg .grid{stroke:#eee;stroke-width:1}svg .frame{fill:none;stroke:#999}svg .tick{font-size:11px;fill:#444}
            svg .axis-title{font-size:12px;fill:#333}svg path.series{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
            code{background:#f3f3f3;padding:1px 4px}td.detail,th.detail,td.text{text-align:left}td.detail{max-width:560px}small{color:#666}
            td.pass,td.no_leak,td.returned{background:#e8f5e9;color:#1b5e20}td.fail,td.leak{background:#ffebee;color:#c62828;font-weight:700}
            td.unsupported,td.not_shown,td.unknown,td.missing{background:#f1f1f1;color:#666}.summary.leak,.summary.fail{border-left-color:#c62828}
            """;

    private Page() {
    }

    /** The document up to the opened body. */
    static StringBuilder open(String title) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Svg.escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        return b;
    }

    /** The title and the lines every page starts with: the target, what ran, quiver's and Java's versions. */
    static void heading(StringBuilder b, String command, String target, String what, String started) {
        b.append("<h1>quiver ").append(Svg.escape(command)).append("</h1>\n");
        b.append("<p class=\"meta\">Target <code>").append(Svg.escape(target)).append("</code></p>\n");
        if (what != null) {
            b.append("<p class=\"meta\">").append(Svg.escape(what)).append("</p>\n");
        }
        b.append("<p class=\"meta\">quiver ").append(Svg.escape(Version.get()))
                .append(started == null ? "" : ", started " + Svg.escape(started))
                .append(", Java ").append(Svg.escape(Runtime.version().toString())).append("</p>\n");
    }

    static String close(StringBuilder b) {
        return b.append("</body></html>\n").toString();
    }

    /** One colour per series, as the charts draw them; a series without data says so ({@code notDrawn}). */
    static void legend(StringBuilder b, List<ChartSeries> series, String notDrawn) {
        b.append("<p class=\"legend\">");
        for (int i = 0; i < series.size(); i++) {
            b.append("<span><i style=\"background:").append(Svg.color(i)).append("\"></i>")
                    .append(Svg.escape(series.get(i).label())).append(series.get(i).ran() ? "" : " (" + notDrawn + ")")
                    .append("</span>");
        }
        b.append("</p>\n");
    }

    static void figure(StringBuilder b, String id, String caption, String svg) {
        b.append("<figure class=\"chart\" id=\"").append(id).append("\"><figcaption>").append(Svg.escape(caption))
                .append("</figcaption>\n").append(svg).append("</figure>\n");
    }

    static void param(StringBuilder b, String name, String value) {
        b.append("<tr><td>").append(Svg.escape(name)).append("</td><td>").append(Svg.escape(value)).append("</td></tr>\n");
    }
}
