package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --threshold} as CI uses it, against {@code quiver serve}: {@code /delay/MS} sets the latency
 * and a short {@code -t} makes timeouts, so each kind of threshold passes and fails on purpose; exit
 * 7 when one fails, the result of each in JSON, text and HTML; {@code --threshold-abort} ends a run
 * that cannot pass long before its count and still prints its report.
 */
class ThresholdProcessTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    private static String url(String path) {
        return "http://127.0.0.1:" + SERVE.get().plainPort + path;
    }

    private static List<String> args(String url, String... more) {
        List<String> a = new ArrayList<>(List.of("run", url, "--http", "1.1", "--no-progress"));
        a.addAll(List.of(more));
        return a;
    }

    private static List<String> withThresholds(List<String> a, String... thresholds) {
        for (String t : thresholds) {
            a.add("--threshold");
            a.add(t);
        }
        return a;
    }

    private static void eachPassed(JsonNode j, boolean expected) {
        for (JsonNode r : j.at("/thresholds/results")) {
            assertEquals(expected, r.get("passed").asBoolean(), r.toString());
        }
    }

    @Test
    void everyKindPassesWhenTheRunMeetsIt() throws Exception {
        String[] t = {"p50>=30ms", "p99<20s", "max<20s", "mean>=30ms", "first_byte.p50>=30ms", "connect.p99<10s", "rps>0.1",
            "error_rate<=0%", "success_rate>=100%", "errors<1", "errors{timed_out}<1"};
        var out = QuiverProcess.run(60, withThresholds(args(url("/delay/30"), "-c", "2", "-n", "20", "--json"), t)
                .toArray(String[]::new));
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertTrue(j.at("/thresholds/passed").asBoolean());
        assertEquals(t.length, j.at("/thresholds/results").size());
        eachPassed(j, true);
        assertTrue(j.at("/thresholds/results/0/actual").asDouble() >= 30, "the latency /delay/30 makes");
        assertEquals("latency.p50", j.at("/thresholds/results/0/figure").asText());
        assertEquals("ms", j.at("/thresholds/results/0/unit").asText());
        assertTrue(j.at("/thresholds/aborted_by").isNull());
        assertFalse(out.stderr().contains("threshold failed"), out.stderr());
    }

    @Test
    void latencyAndRateThresholdsFailWithExitCode7InTextAndHtml() throws Exception {
        Path page = Path.of("target", "threshold-run.html").toAbsolutePath();
        Files.createDirectories(page.getParent());
        Files.deleteIfExists(page);
        String[] t = {"p50<30ms", "first_byte.p99<30ms", "connect.p99<1us", "rps>100000", "max<1ms", "errors<1"};
        var out = QuiverProcess.run(60, withThresholds(args(url("/delay/30"), "-c", "2", "-n", "20", "--html", page.toString()), t)
                .toArray(String[]::new));
        assertEquals(7, out.exitCode(), out.stderr());
        assertTrue(out.stdout().contains("Thresholds: 1 of 6 passed"), out.stdout());
        for (String failed : List.of("p50<30ms", "first_byte.p99<30ms", "connect.p99<1us", "rps>100000", "max<1ms")) {
            assertTrue(out.stdout().lines().anyMatch(l -> l.startsWith("  FAIL  " + failed + " ")), failed + " in " + out.stdout());
            assertTrue(out.stderr().contains("quiver: threshold failed: " + failed + " ("), out.stderr());
        }
        assertTrue(out.stdout().lines().anyMatch(l -> l.startsWith("  pass  errors<1 ")), out.stdout());
        String html = Files.readString(page);
        assertTrue(html.contains("<section id=\"thresholds\">"), "the page has the section");
        assertTrue(html.contains("<code>rps&gt;100000</code>"), "each threshold on the page");
        assertEquals(5, html.split("<td class=\"fail\">fail</td>", -1).length - 1, "five failed on the page");
    }

    @Test
    void errorThresholdsFailOnTimeouts() throws Exception {
        String[] t = {"errors{timed_out}<1", "errors<4", "error_rate<50%", "success_rate>0%", "errors{reset_by_peer}<1"};
        var out = QuiverProcess.run(60, withThresholds(args(url("/delay/5000"), "-c", "2", "-n", "4", "-t", "300ms", "--json"), t)
                .toArray(String[]::new));
        assertEquals(7, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals(4, j.at("/errors/timed_out").asLong(), out.stdout());
        assertFalse(j.at("/thresholds/passed").asBoolean());
        JsonNode r = j.at("/thresholds/results");
        for (int i = 0; i < 4; i++) {
            assertFalse(r.get(i).get("passed").asBoolean(), r.get(i).toString());
        }
        assertEquals(4, r.get(0).get("actual").asLong());
        assertEquals(1.0, r.get(2).get("actual").asDouble());
        assertEquals("ratio", r.get(2).get("unit").asText());
        assertTrue(r.get(4).get("passed").asBoolean(), "no resets: " + r.get(4));
    }

    @Test
    void abortEndsARunThatCanNoLongerPassAndStillReportsIt() throws Exception {
        long t0 = System.nanoTime();
        // 1000 requests that each time out after 200 ms would take over 3 minutes on one connection
        var out = QuiverProcess.run(90, withThresholds(args(url("/delay/5000"), "-c", "1", "-n", "1000", "-t", "200ms", "--json",
                "--threshold-abort"), "errors<3", "p99<10s").toArray(String[]::new));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(7, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals("threshold", j.get("stop_reason").asText());
        assertEquals("errors<3", j.at("/thresholds/aborted_by/threshold").asText());
        assertTrue(j.at("/thresholds/aborted_by/reason").asText().contains("a count only grows"), j.at("/thresholds").toString());
        assertTrue(j.at("/requests/total").asLong() < 1000, "ended early: " + j.at("/requests"));
        assertTrue(j.at("/requests/failed").asLong() >= 3);
        assertEquals(0, j.at("/streams/live").asLong(), "the books balance after an early end");
        assertFalse(j.get("stream_leak").asBoolean());
        assertTrue(seconds < 60, "ended after " + seconds + " s");
    }
}
