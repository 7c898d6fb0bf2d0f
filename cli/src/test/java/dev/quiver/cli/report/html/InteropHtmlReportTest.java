package dev.quiver.cli.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCases;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.Verdict;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InteropHtmlReportTest {

    private static final Pattern CELL = Pattern.compile(
            "<tr data-case=\"([a-z0-9]+)\"><td title=\"[^\"]*\">[a-z0-9]+</td>((?:<td data-engine=[^\\n]*?</td>)+)</tr>");
    private static final Pattern ENGINE_CELL = Pattern.compile(
            "<td data-engine=\"([a-z]+)\" data-verdict=\"([a-z]*)\" class=\"([a-z]+)\" title=\"([^\"]*)\">");

    @Test
    void everyCellCarriesItsVerdictColourAndDetail() {
        InteropMatrix m = new InteropMatrix("https://127.0.0.1:4433/", List.of(InteropCases.parse("handshake"), InteropCases.parse("v2")),
                List.of("netty", "kwik"), List.of(
                        new CaseResult(InteropCases.parse("handshake"), "netty", Verdict.PASS, "QUIC v1, ALPN h3", 40),
                        new CaseResult(InteropCases.parse("handshake"), "kwik", Verdict.FAIL, "handshake timed out <after 2 s> & gave up", 2000),
                        new CaseResult(InteropCases.parse("v2"), "netty", Verdict.UNSUPPORTED, "quiche speaks QUIC v1 only", 0),
                        new CaseResult(InteropCases.parse("v2"), "kwik", Verdict.PASS, "v2 negotiated", 55)));
        String html = InteropHtmlReport.render(m);
        SelfContained.check(html);
        assertEquals("""
                handshake netty pass pass QUIC v1, ALPN h3
                handshake kwik fail fail handshake timed out &lt;after 2 s&gt; &amp; gave up
                v2 netty unsupported unsupported quiche speaks QUIC v1 only
                v2 kwik pass pass v2 negotiated
                """, cells(html));
        assertTrue(html.contains("id=\"summary\" data-complete=\"true\" data-ok=\"false\">Result: 2 pass, 1 fail, 1 unsupported: "
                + "some cases failed</p>"), html);
        assertTrue(html.contains("<tr data-case=\"handshake\" data-engine=\"kwik\"><td>handshake</td><td>kwik</td>"
                + "<td class=\"fail\">fail</td><td>2000</td><td class=\"detail\">handshake timed out &lt;after 2 s&gt; &amp; gave up"
                + "</td></tr>"), "the details table");
    }

    @Test
    void anInterruptedMatrixShowsTheCellsThatDidNotRun() {
        InteropMatrix m = new InteropMatrix("https://127.0.0.1:4433/", List.of(InteropCases.parse("handshake")), List.of("netty", "kwik"),
                List.of(new CaseResult(InteropCases.parse("handshake"), "netty", Verdict.PASS, "ok", 40)));
        String html = InteropHtmlReport.render(m);
        assertTrue(html.contains("<td data-engine=\"kwik\" data-verdict=\"\" class=\"missing\""), html);
        assertTrue(html.contains("data-complete=\"false\" data-ok=\"false\">Result: 1 pass, 0 fail, 0 unsupported: "
                + "interrupted after 1 of 2 cells"), html);
    }

    /** The matrix's cells as lines: case, engine, verdict, class, detail. */
    static String cells(String html) {
        StringBuilder s = new StringBuilder();
        Matcher row = CELL.matcher(html);
        while (row.find()) {
            Matcher cell = ENGINE_CELL.matcher(row.group(2));
            while (cell.find()) {
                s.append(row.group(1)).append(' ').append(cell.group(1)).append(' ').append(cell.group(2)).append(' ')
                        .append(cell.group(3)).append(' ').append(cell.group(4)).append('\n');
            }
        }
        return s.toString();
    }
}
