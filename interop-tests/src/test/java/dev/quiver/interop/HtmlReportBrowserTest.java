package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTML reports of {@code quiver compare}, {@code run}, {@code leak-check} and {@code interop}
 * opened in headless Chromium: they render without a console error, fetch nothing, and every chart
 * draws data. The screenshots are kept as {@code interop-tests/target/compare-report.png},
 * {@code run-report.png}, {@code leak-check-report.png} and {@code interop-report.png}.
 */
class HtmlReportBrowserTest {

    private static final String CHARTS = """
            JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(f => {
              const svg = f.querySelector('svg');
              const drawn = Array.from(f.querySelectorAll('.series')).filter(s => {
                const box = s.getBBox();
                return Number(s.dataset.points) > 0 && (box.width > 0 || box.height > 0);
              });
              return {id: f.id, width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height,
                      drawn: drawn.length, variants: new Set(drawn.map(s => s.dataset.variant)).size};
            }))""";

    @Test
    void reportRendersInChromiumWithDataInEveryChart() throws Exception {
        HeadlessChromium.binary();
        Path report = Path.of("target", "compare-report.html").toAbsolutePath();
        Files.createDirectories(report.getParent());
        Files.deleteIfExists(report);
        try (ServeProcess server = new ServeProcess()) {
            var out = QuiverProcess.run(180, "compare", "https://127.0.0.1:" + server.tlsPort + "/", "--insecure",
                    "-c", "2", "-p", "4", "-z", "2s", "--rounds", "2", "--html", report.toString());
            assertEquals(0, out.exitCode(), out.stderr());
        }
        long started = System.nanoTime();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(report);
            JsonNode charts = new ObjectMapper().readTree(chromium.evaluate(CHARTS).asText());
            assertEquals(4, charts.size(), charts.toString());
            int variants = chromium.evaluate("document.querySelectorAll('#comparison thead th').length - 1").asInt();
            assertTrue(variants >= 3, "h1, h2, h3 at least: " + variants);
            for (JsonNode c : charts) {
                assertTrue(c.get("width").asDouble() > 300 && c.get("height").asDouble() > 100, "chart laid out: " + c);
                assertEquals(variants, c.get("variants").asInt(), "every variant drawn in " + c);
            }
            int rows = chromium.evaluate("document.querySelectorAll('#comparison tbody tr').length").asInt();
            assertTrue(rows >= 10, "table rows: " + rows);
            Files.write(Path.of("target", "compare-report.png"), chromium.screenshot());
            assertEquals(List.of(), chromium.errors, "console errors or exceptions in the report");
            assertEquals(List.of(report.toUri().toString()), chromium.requests,
                    "the report must load nothing but itself");
        }
        System.out.printf("HtmlReportBrowserTest: chromium start, render, checks and screenshot took %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    @Test
    void runReportRendersInChromiumWithDataInEveryChart() throws Exception {
        HeadlessChromium.binary();
        Path report = Path.of("target", "run-browser-report.html").toAbsolutePath();
        Files.createDirectories(report.getParent());
        Files.deleteIfExists(report);
        try (ServeProcess server = new ServeProcess()) {
            var out = QuiverProcess.run(120, "run", "https://127.0.0.1:" + server.tlsPort + "/", "--insecure", "--http", "3",
                    "-c", "2", "-p", "4", "-z", "3s", "--html", report.toString());
            assertEquals(0, out.exitCode(), out.stderr());
        }
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(report);
            JsonNode charts = new ObjectMapper().readTree(chromium.evaluate(CHARTS).asText());
            assertEquals(4, charts.size(), charts.toString());
            for (JsonNode c : charts) {
                // the stream states of one run are one bar: a lower chart than the others
                assertTrue(c.get("width").asDouble() > 300 && c.get("height").asDouble() > 60, "chart laid out: " + c);
                assertTrue(c.get("drawn").asInt() >= 1, "data drawn in " + c);
            }
            assertEquals(2, charts.get(0).get("variants").asInt(), "latency and first byte by percentile: " + charts.get(0));
            int rows = chromium.evaluate("document.querySelectorAll('#figures tbody tr').length").asInt();
            assertTrue(rows >= 15, "figure rows: " + rows);
            Files.write(Path.of("target", "run-report.png"), chromium.screenshot());
            assertEquals(List.of(), chromium.errors, "console errors or exceptions in the report");
            assertEquals(List.of(report.toUri().toString()), chromium.requests, "the report must load nothing but itself");
        }
    }

    /**
     * The leak-check and interop pages, drawn in this JVM from results made up here (the runs behind
     * them are LeakCheckTest's and InteropMatrixTest's, which check the pages' content against the
     * JSON): laid out, plots drawn, matrix cells in their verdict's colour. One browser for both.
     */
    @Test
    void leakCheckAndInteropReportsRenderInChromium() throws Exception {
        HeadlessChromium.binary();
        Path leak = Files.writeString(Path.of("target", "leak-check-browser-report.html").toAbsolutePath(),
                dev.quiver.cli.report.html.LeakHtmlReport.render(MadeUpResults.leakCheck()));
        Path interop = Files.writeString(Path.of("target", "interop-browser-report.html").toAbsolutePath(),
                dev.quiver.cli.report.html.InteropHtmlReport.render(MadeUpResults.interopMatrix()));
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(leak);
            JsonNode charts = new ObjectMapper().readTree(chromium.evaluate(CHARTS).asText());
            int resources = 0;
            for (JsonNode c : charts) {
                if (c.get("id").asText().startsWith("chart-resource-")) {
                    resources++;
                    assertTrue(c.get("width").asDouble() > 300 && c.get("height").asDouble() > 100, "chart laid out: " + c);
                    assertEquals(1, c.get("drawn").asInt(), "the resource's readings drawn in " + c);
                }
            }
            assertEquals(2, resources, charts.toString());
            Files.write(Path.of("target", "leak-check-report.png"), chromium.screenshot());

            chromium.open(interop);
            JsonNode cells = new ObjectMapper().readTree(chromium.evaluate("""
                    JSON.stringify(Array.from(document.querySelectorAll('#matrix td[data-verdict]'))
                      .map(td => td.dataset.verdict + ' ' + getComputedStyle(td).backgroundColor))""").asText());
            List<String> shown = new java.util.ArrayList<>();
            cells.forEach(c -> shown.add(c.asText()));
            assertEquals(List.of("pass rgb(232, 245, 233)", "fail rgb(255, 235, 238)", "unsupported rgb(241, 241, 241)",
                    "pass rgb(232, 245, 233)"), shown, "each cell in its verdict's colour");
            Files.write(Path.of("target", "interop-report.png"), chromium.screenshot());
            assertEquals(List.of(), chromium.errors, "console errors or exceptions in the reports");
            assertEquals(List.of(leak.toUri().toString(), interop.toUri().toString()), chromium.requests,
                    "the reports must load nothing but themselves");
        }
    }
}
