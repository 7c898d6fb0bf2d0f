package dev.quiver.cli.report.html;

import dev.quiver.cli.report.InteropText;
import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.Verdict;
import java.util.Optional;

/**
 * The interop matrix as one self-contained HTML file ({@code interop --html FILE}): case by engine,
 * each cell coloured by its verdict with what it saw on hover, then every cell's detail in full.
 */
public final class InteropHtmlReport {

    private InteropHtmlReport() {
    }

    public static String render(InteropMatrix m) {
        StringBuilder b = Page.open("quiver interop: " + m.target());
        Page.heading(b, "interop", m.target(), m.cases().size() + " cases x " + m.engines().size() + " engines ("
                + String.join(", ", m.engines()) + ")", null);
        String outcome = !m.complete() || m.count(Verdict.FAIL) > 0 ? "fail" : "pass";
        b.append("<p class=\"summary ").append(outcome).append("\" id=\"summary\" data-complete=\"").append(m.complete())
                .append("\" data-ok=\"").append(m.allSupportedPassed()).append("\">").append(Svg.escape(InteropText.result(m)))
                .append("</p>\n");
        matrix(b, m);
        details(b, m);
        cases(b, m);
        return Page.close(b);
    }

    private static void matrix(StringBuilder b, InteropMatrix m) {
        b.append("<h2>Matrix</h2>\n<table id=\"matrix\"><thead><tr><th>case</th>");
        m.engines().forEach(e -> b.append("<th>").append(Svg.escape(e)).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        for (InteropCase c : m.cases()) {
            b.append("<tr data-case=\"").append(c.id()).append("\"><td title=\"").append(Svg.escape(c.description())).append("\">")
                    .append(c.id()).append("</td>");
            for (String e : m.engines()) {
                Optional<CaseResult> cell = m.cell(c, e);
                b.append("<td data-engine=\"").append(Svg.escape(e)).append('"');
                if (cell.isEmpty()) {
                    b.append(" data-verdict=\"\" class=\"missing\" title=\"did not run (interrupted)\">-</td>");
                    continue;
                }
                CaseResult r = cell.get();
                b.append(" data-verdict=\"").append(r.verdict().key()).append("\" class=\"").append(r.verdict().key())
                        .append("\" title=\"").append(Svg.escape(r.detail())).append("\">").append(r.verdict().label())
                        .append(" <small>").append(r.millis()).append(" ms</small></td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"meta\">pass: what the case looks for was observed; fail: it was not, or ")
                .append("something went wrong; unsupported: that QUIC stack cannot do the case, never counted as a pass; ")
                .append("not shown: the server does not meet the case's precondition, neither a pass nor a failure. ")
                .append("Hover a cell for what it saw, or read on below.</p>\n");
    }

    private static void details(StringBuilder b, InteropMatrix m) {
        b.append("<h2>What each cell saw</h2>\n<table id=\"details\"><thead><tr><th>case</th><th>engine</th><th>verdict</th>")
                .append("<th>ms</th><th class=\"detail\">detail</th></tr></thead><tbody>\n");
        for (InteropCase c : m.cases()) {
            for (String e : m.engines()) {
                m.cell(c, e).ifPresent(r -> b.append("<tr data-case=\"").append(c.id()).append("\" data-engine=\"")
                        .append(Svg.escape(e)).append("\"><td>").append(c.id()).append("</td><td>").append(Svg.escape(e))
                        .append("</td><td class=\"").append(r.verdict().key()).append("\">").append(r.verdict().label())
                        .append("</td><td>").append(r.millis()).append("</td><td class=\"detail\">").append(Svg.escape(r.detail()))
                        .append("</td></tr>\n"));
            }
        }
        b.append("</tbody></table>\n");
    }

    private static void cases(StringBuilder b, InteropMatrix m) {
        b.append("<h2>Cases</h2>\n<table id=\"cases\"><tbody>\n");
        for (InteropCase c : m.cases()) {
            b.append("<tr><td>").append(c.id()).append("</td><td class=\"text\">").append(Svg.escape(c.description()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }
}
