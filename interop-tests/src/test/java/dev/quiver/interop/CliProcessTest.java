package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jar as a user runs it: reports, JSON keys scripts rely on, exit codes, Ctrl-C. */
class CliProcessTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    @Test
    void jsonReportCarriesTheDocumentedKeys() throws Exception {
        var out = QuiverProcess.run(60, "run", "https://127.0.0.1:" + SERVE.get().tlsPort + "/", "--insecure",
                "--http", "2", "-c", "4", "-p", "10", "-n", "3000", "--json");
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        for (String key : List.of("protocol", "engine", "model", "duration_s", "requests", "rps", "latency_ms", "status",
                "errors", "streams", "connections")) {
            assertTrue(j.has(key), "missing key " + key + " in " + out.stdout());
        }
        assertEquals("HTTP/2", j.get("protocol").asText());
        assertEquals("closed", j.get("model").asText());
        assertEquals(3000, j.at("/requests/total").asLong());
        assertEquals(3000, j.at("/requests/ok").asLong());
        assertEquals(0, j.at("/requests/failed").asLong());
        assertEquals(0, j.at("/requests/retried").asLong());
        assertEquals(3000, j.at("/status/200").asLong());
        for (String k : List.of("min", "mean", "p50", "p90", "p99", "p999", "max")) {
            assertTrue(j.at("/latency_ms/" + k).isNumber(), "latency_ms." + k);
        }
        for (String k : List.of("opened", "completed", "reset_by_peer", "cancelled", "refused", "connection_lost",
                "timed_out", "protocol_error", "live", "double_terminal")) {
            assertTrue(j.at("/streams/" + k).isNumber(), "streams." + k);
        }
        assertEquals(3000, j.at("/streams/opened").asLong());
        assertEquals(0, j.at("/streams/live").asLong());
        assertEquals(4, j.at("/connections/opened").asLong());
        assertEquals(0, j.at("/connections/lost").asLong());
    }

    @Test
    void jsonCarriesStandardHistogramsAndRunWritesItsHtmlPage() throws Exception {
        Path page = Path.of("target", "run-report.html").toAbsolutePath();
        Files.createDirectories(page.getParent());
        Files.deleteIfExists(page);
        var out = QuiverProcess.run(60, "run", "https://127.0.0.1:" + SERVE.get().tlsPort + "/", "--insecure",
                "--http", "2", "-c", "2", "-p", "4", "-n", "2000", "--json", "--html", page.toString());
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals("us", j.at("/histograms/unit").asText());
        // HdrHistogram's own decoder reads them: the standard compressed form, nothing of quiver's
        Histogram latency = decode(j.at("/histograms/latency_us").asText());
        assertEquals(2000, latency.getTotalCount());
        assertEquals(j.at("/latency_ms/p99").asDouble(), Math.round(latency.getValueAtPercentile(99)) / 1000.0, 1e-9);
        assertEquals(2, decode(j.at("/histograms/connect_us").asText()).getTotalCount(), "a connect time per connection");
        Histogram fromIntervals = new Histogram(1, 3_600_000_000L, 3);
        long completed = 0;
        for (JsonNode i : j.get("intervals")) {
            completed += i.get("completed").asLong();
            if (i.at("/histograms/latency_us").isTextual()) {
                fromIntervals.add(decode(i.at("/histograms/latency_us").asText()));
            }
            assertTrue(i.get("start_epoch_us").asLong() >= j.at("/window/start_epoch_us").asLong());
        }
        assertEquals(2000, completed);
        assertEquals(latency, fromIntervals, "the intervals' histograms add up to the run's");

        String html = Files.readString(page);
        assertTrue(out.stderr().contains("HTML report written to " + page), out.stderr());
        for (String chart : List.of("chart-percentiles", "chart-throughput", "chart-p99", "chart-streams")) {
            assertTrue(html.contains("id=\"" + chart + "\""), chart);
        }
        assertTrue(html.contains("<tr data-row=\"latency_p99_ms\"><td>latency p99</td><td data-value=\""
                + j.at("/latency_ms/p99").asDouble() + "\">"), "the page's p99 is the JSON's");
        var unwritable = QuiverProcess.run(30, "run", "http://127.0.0.1:1/", "-n", "10", "--html", "/no/such/dir/run.html");
        assertEquals(2, unwritable.exitCode(), unwritable.stderr());
        assertEquals(1, unwritable.stderr().strip().lines().count(), unwritable.stderr());
    }

    private static Histogram decode(String base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }

    @Test
    void textReportNamesTheProtocolThatRanAndTheStreams() throws Exception {
        var out = QuiverProcess.run(60, "run", "http://127.0.0.1:" + SERVE.get().plainPort + "/", "-c", "5", "-n", "1000");
        assertEquals(0, out.exitCode(), out.stderr());
        String s = out.stdout();
        assertTrue(s.contains("Protocol:      HTTP/1.1"), s);
        assertTrue(s.contains("Requests/sec:"), s);
        assertTrue(s.contains("p99.9"), s);
        assertTrue(s.contains("[200] 1000 responses"), s);
        assertTrue(s.contains("ok: every stream reached exactly one terminal state"), s);
    }

    @Test
    void openModelReportsItself() throws Exception {
        var out = QuiverProcess.run(60, "run", "http://127.0.0.1:" + SERVE.get().plainPort + "/", "--http", "2",
                "-c", "2", "-p", "4", "-q", "500", "-z", "2s", "--json");
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals("open", j.get("model").asText());
        assertEquals("HTTP/2", j.get("protocol").asText(), "h2c with prior knowledge");
        long total = j.at("/requests/total").asLong();
        assertTrue(total > 850 && total <= 1001, "about 1000 requests in 2 s at 500/s: " + total);
    }

    /** In one JVM ({@link CommandLines}); BadCommandLineTest runs a line of each command as a process of its own. */
    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        List<String[]> lines = List.of(
                new String[] {"run", "http://127.0.0.1:1/", "-n", "0"},
                new String[] {"run", "http://127.0.0.1:1/", "--no-such-flag"},
                new String[] {"run", "ftp://127.0.0.1/"},
                new String[] {"run", "not a url"},
                new String[] {"run", "http://127.0.0.1:1/", "-z", "ten"},
                new String[] {"run", "https://127.0.0.1:1/", "--http", "3", "--engine", "nope"},
                new String[] {"run", "http://127.0.0.1:1/", "--http", "4"});
        var answers = CommandLines.run(lines.stream().map(List::of).toList(), 60);
        for (int i = 0; i < lines.size(); i++) {
            String[] args = lines.get(i);
            var out = answers.get(i).outcome();
            assertEquals(2, out.exitCode(), String.join(" ", args) + ": " + out.stderr());
            assertTrue(out.stderr().startsWith("quiver: "), out.stderr());
            assertEquals(1, out.stderr().strip().lines().count(), "one line: " + out.stderr());
            assertFalse(out.stderr().contains("\tat "), "no stack trace: " + out.stderr());
        }
    }

    @Test
    void http3RunReportsQuicFacts() throws Exception {
        var out = QuiverProcess.run(90, "run", "https://127.0.0.1:" + SERVE.get().tlsPort + "/", "--insecure", "--http", "3",
                "-c", "2", "-p", "10", "-n", "1000", "--json");
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals("HTTP/3", j.get("protocol").asText());
        assertEquals("netty", j.get("engine").asText());
        assertEquals(1000, j.at("/requests/ok").asLong());
        assertEquals("h3", j.at("/quic/alpn").asText());
        assertEquals(2, j.at("/quic/handshake_ms/count").asLong());
        assertEquals(0, j.at("/streams/live").asLong());
        assertTrue(j.at("/streams/credit_wait_ms").isNumber());
    }

    @Test
    void unreachableTargetIsExitCode3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var out = QuiverProcess.run(30, "run", "http://127.0.0.1:" + port + "/", "-n", "10");
        assertEquals(3, out.exitCode(), out.stderr());
        assertEquals(1, out.stderr().strip().lines().count(), out.stderr());
        assertTrue(out.stderr().contains("target unreachable"), out.stderr());
    }

    @Test
    void ctrlCStopsTheRunAndStillPrintsTheReport() throws Exception {
        Process p = QuiverProcess.builder("run", "http://127.0.0.1:" + SERVE.get().plainPort + "/", "-c", "4", "-z", "60s",
                "--json").start();
        try {
            // Ctrl-C once the load is under way (all four connections open at the server), however long the JVM took to start
            Await.until("4 connections of quiver's at the server", Duration.ofSeconds(60), p, () -> SERVE.get().openConnections() >= 4);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
            var out = QuiverProcess.collect(p, 20);
            assertEquals(0, out.exitCode(), out.stderr());
            JsonNode j = new ObjectMapper().readTree(out.stdout());
            assertEquals("interrupted", j.get("stop_reason").asText());
            // How many requests ran before the signal depends on how fast the JVM started; the books must balance anyway.
            assertEquals(j.at("/requests/ok").asLong() + j.at("/requests/failed").asLong() + j.at("/requests/aborted").asLong(),
                    j.at("/requests/total").asLong());
            assertTrue(j.get("duration_s").asDouble() < 30);
            assertEquals(0, j.at("/streams/live").asLong());
        } finally {
            p.destroyForcibly();
        }
    }
}
