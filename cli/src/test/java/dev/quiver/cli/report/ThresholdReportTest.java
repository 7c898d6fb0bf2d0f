package dev.quiver.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.cli.report.html.RunHtmlReport;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.threshold.Threshold;
import dev.quiver.core.threshold.ThresholdResults;
import dev.quiver.core.threshold.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each threshold's result in every report of a run, and per variant in a comparison's JSON. */
class ThresholdReportTest {

    @TempDir
    Path dir;

    private static RunResult result(StopReason stop) {
        return RunResult.builder().target("https://127.0.0.1:8443/").protocol(Protocol.HTTP_2).engine("netty")
                .model(LoadModel.CLOSED).parameters(new RunResult.Parameters(4, 10, 0, 10, 0, 30, "GET"))
                .window(new RunResult.Window(1_700_000_000_000_000L, 10_000_000, 1_000_000, stop))
                .requests(1000, 3, 0, 0).errors(Map.of("timed_out", 3L)).status(Map.of("200", 1000L)).build();
    }

    private static ThresholdResults judged(RunResult r, String... thresholds) {
        return Thresholds.evaluate(Thresholds.parse(List.of(thresholds)), r);
    }

    @Test
    void aRunsReportsCarryEachThresholdInTextJsonAndHtml() throws Exception {
        RunResult r = result(StopReason.THRESHOLD);
        ThresholdResults t = judged(r, "rps>50", "errors{timed_out}<1", "p99<1s")
                .abortedBy(new ThresholdResults.Abort(Threshold.parse("errors{timed_out}<1"), "1 failed (timed_out) already"));
        ThresholdReport report = ThresholdReport.ofRun(t);
        Path page = dir.resolve("run.html");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertTrue(ReportOutput.write(ReportKind.RUN, r, false, page, new PrintStream(text, true, StandardCharsets.UTF_8), err,
                dev.quiver.core.engine.QlogFiles.OFF, report));
        String out = text.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("stopped by a threshold that could no longer pass (--threshold-abort)"), out);
        assertTrue(out.contains("\nThresholds: 1 of 3 passed\n"), out);
        assertTrue(out.contains("  pass  rps>50                   rps = 100 req/s\n"), out);
        assertTrue(out.contains("  FAIL  errors{timed_out}<1      errors{timed_out} = 3\n"), out);
        assertTrue(out.contains("  FAIL  p99<1s                   latency.p99 = none (no completed request)\n"), out);
        assertTrue(out.contains("  run ended early: errors{timed_out}<1 could no longer pass: 1 failed (timed_out) already"), out);

        assertTrue(ReportOutput.write(ReportKind.RUN, r, true, null, new PrintStream(json, true, StandardCharsets.UTF_8), err,
                dev.quiver.core.engine.QlogFiles.OFF, report));
        JsonNode j = new ObjectMapper().readTree(json.toString(StandardCharsets.UTF_8));
        assertEquals("threshold", j.get("stop_reason").asText());
        assertFalse(j.at("/thresholds/passed").asBoolean());
        assertEquals(100.0, j.at("/thresholds/results/0/actual").asDouble());
        assertEquals("req/s", j.at("/thresholds/results/0/unit").asText());
        assertEquals(">", j.at("/thresholds/results/0/op").asText());
        assertEquals(50.0, j.at("/thresholds/results/0/limit").asDouble());
        assertTrue(j.at("/thresholds/results/2/actual").isNull());
        assertEquals("no completed request", j.at("/thresholds/results/2/note").asText());
        assertEquals("errors{timed_out}<1", j.at("/thresholds/aborted_by/threshold").asText());
        assertEquals(1000, j.at("/requests/ok").asLong(), "the run's own keys stay");

        String html = Files.readString(page);
        assertTrue(html.contains("<section id=\"thresholds\">"), html);
        assertTrue(html.contains("A threshold failed (exit code 7)."));
        assertEquals(2, html.split("<td class=\"fail\">fail</td>", -1).length - 1);
        assertTrue(html.indexOf("id=\"thresholds\"") < html.lastIndexOf("</body>"));
    }

    @Test
    void withoutThresholdsNothingIsAdded() {
        RunResult r = result(StopReason.DURATION);
        assertEquals(TextReport.render(r), TextReport.render(r) + ThresholdReport.NONE.text());
        assertEquals(JsonReport.render(r), ThresholdReport.NONE.addTo(JsonReport.render(r)));
        String page = RunHtmlReport.render(r);
        assertEquals(page, dev.quiver.cli.report.html.ThresholdSection.addTo(page, Map.of()));
        assertTrue(ThresholdReport.ofRun(judged(r)).isEmpty());
    }

    @Test
    void aComparisonCarriesEachVariantsResultsUnderItsVariant() throws Exception {
        RunResult r = result(StopReason.DURATION);
        Map<String, ThresholdResults> by = new LinkedHashMap<>();
        by.put("h1/netty", judged(r, "errors<5"));
        by.put("h2/netty", judged(r, "errors<2"));
        ThresholdReport report = new ThresholdReport(by);
        String compareJson = "{\"variants\":[{\"variant\":\"h1/netty\"},{\"variant\":\"h2/netty\"}],\"comparison\":{}}";
        JsonNode j = new ObjectMapper().readTree(report.addTo(compareJson));
        assertTrue(j.at("/variants/0/thresholds/passed").asBoolean());
        assertFalse(j.at("/variants/1/thresholds/passed").asBoolean());
        assertFalse(j.get("thresholds_passed").asBoolean());
        assertFalse(j.has("thresholds"), "a comparison's results are per variant");
        String text = report.text();
        assertTrue(text.contains("Thresholds (h1/netty): all 1 passed"), text);
        assertTrue(text.contains("Thresholds (h2/netty): 0 of 1 passed"), text);
        String html = dev.quiver.cli.report.html.ThresholdSection.addTo("<html><body></body></html>", report.bySubject());
        assertTrue(html.contains("<th>variant</th>"), html);
        assertTrue(html.contains("<tr><td>h2/netty</td><td><code>errors&lt;2</code></td><td>errors</td><td>3</td><td class=\"fail\">fail</td></tr>"),
                html);
    }
}
