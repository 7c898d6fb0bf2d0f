package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code quiver compare} as a user runs it: every variant, merged rounds, JSON and HTML that agree, failures, bad input. */
class CompareProcessTest {

    private static final Pattern ROW = Pattern.compile("<tr data-row=\"([a-z0-9_]+)\">(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td data-variant=\"([^\"]+)\" data-value=\"([^\"]*)\"");

    private static ServeProcess server;
    private static JsonNode json;
    private static String html;

    @BeforeAll
    static void compareAgainstTheEmbeddedServer() throws Exception {
        server = new ServeProcess();
        Path file = Path.of("target", "compare-process-test.html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        var out = QuiverProcess.run(180, "compare", "https://127.0.0.1:" + server.tlsPort + "/", "--insecure",
                "-c", "2", "-p", "4", "-n", "400", "--rounds", "2", "--warmup", "300ms", "--json", "--html", file.toString());
        assertEquals(0, out.exitCode(), out.stderr());
        json = new ObjectMapper().readTree(out.stdout());
        html = Files.readString(file);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyProtocolAndEngineRanWithRequests() {
        List<String> names = new ArrayList<>();
        json.at("/comparison/variant_names").forEach(n -> names.add(n.asText()));
        assertTrue(names.containsAll(List.of("h1/netty", "h2/netty", "h3/netty")), names.toString());
        assertEquals(names.size(), json.get("variants").size());
        for (JsonNode v : json.get("variants")) {
            String name = v.get("variant").asText();
            assertTrue(v.get("failed").isNull(), name + " failed: " + v.get("failed"));
            assertEquals(800, v.at("/requests/ok").asLong(), name + ": two rounds of -n 400");
            assertEquals(0, v.at("/streams/live").asLong(), name);
            assertFalse(v.get("stream_leak").asBoolean(), name);
            assertTrue(v.at("/cpu_s_per_1k").isNumber(), name);
            assertEquals(0.3, v.at("/warmup/duration_s").asDouble(), 1e-9, name + ": a warm-up before the first round only");
            assertTrue(v.at("/warmup/requests").asLong() > 0, name + ": " + v.get("warmup"));
            assertTrue(v.at("/client_bound/saturated").isBoolean(), name);
        }
        JsonNode h1 = variant("h1/netty");
        assertEquals("HTTP/1.1", h1.get("protocol").asText());
        assertEquals(8, h1.at("/parameters/connections").asInt(), "HTTP/1.1 gets -c x -p connections");
        assertTrue(h1.at("/connections/opened").asLong() >= 16, "8 connections in each of 2 rounds: " + h1.at("/connections"));
        assertEquals("HTTP/2", variant("h2/netty").get("protocol").asText());
        assertEquals("HTTP/3", variant("h3/netty").get("protocol").asText());
        assertEquals(2, variant("h2/netty").at("/parameters/connections").asInt());
        assertFalse(json.at("/comparison/summary").asText().isBlank());
    }

    @Test
    void mergedRoundHistogramsAddUpToTheRounds() {
        for (JsonNode v : json.get("variants")) {
            String name = v.get("variant").asText();
            JsonNode rounds = v.get("rounds");
            assertEquals(2, rounds.size(), name);
            long latencyCount = 0;
            long total = 0;
            long ok = 0;
            for (JsonNode r : rounds) {
                latencyCount += r.get("latency_count").asLong();
                total += r.get("total").asLong();
                ok += r.get("ok").asLong();
                assertTrue(r.get("ok").asLong() > 0, name + " round without requests");
            }
            assertEquals(latencyCount, v.at("/latency_ms/count").asLong(), name + ": merged latency histogram");
            assertEquals(ok, v.at("/latency_ms/count").asLong(), name + ": one latency per completed request");
            assertEquals(total, v.at("/requests/total").asLong(), name);
            assertEquals(v.at("/streams/opened").asLong(), v.at("/streams/completed").asLong() + v.at("/streams/cancelled").asLong()
                    + v.at("/streams/refused").asLong() + v.at("/streams/reset_by_peer").asLong()
                    + v.at("/streams/connection_lost").asLong() + v.at("/streams/timed_out").asLong()
                    + v.at("/streams/protocol_error").asLong(), name);
            double[] rps = {rounds.get(0).get("rps").asDouble(), rounds.get(1).get("rps").asDouble()};
            assertEquals(Math.min(rps[0], rps[1]), json.at("/comparison/rows/rps_min").get(name).asDouble(), 0.001, name);
            assertEquals(Math.max(rps[0], rps[1]), json.at("/comparison/rows/rps_max").get(name).asDouble(), 0.001, name);
            assertEquals(v.at("/latency_ms/p99").asDouble(), json.at("/comparison/rows/latency_p99_ms").get(name).asDouble(), 0.001,
                    name + ": the table's p99 is the merged histogram's");
        }
    }

    @Test
    void htmlCarriesTheSameNumbersAsTheJson() {
        Map<String, Map<String, String>> table = new HashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher cell = CELL.matcher(row.group(2));
            Map<String, String> cells = new HashMap<>();
            while (cell.find()) {
                cells.put(cell.group(1), cell.group(2));
            }
            table.put(row.group(1), cells);
        }
        JsonNode rows = json.at("/comparison/rows");
        assertTrue(rows.size() >= 10, rows.toString());
        rows.fields().forEachRemaining(e -> {
            Map<String, String> cells = table.get(e.getKey());
            assertNotNull(cells, "HTML has no row " + e.getKey());
            e.getValue().fields().forEachRemaining(v -> {
                String cell = cells.get(v.getKey());
                assertNotNull(cell, e.getKey() + " " + v.getKey());
                if (v.getValue().isNull()) {
                    assertEquals("", cell, e.getKey() + " " + v.getKey());
                } else {
                    assertEquals(v.getValue().asDouble(), Double.parseDouble(cell), 1e-9, e.getKey() + " " + v.getKey());
                }
            });
        });
        assertTrue(html.contains(json.at("/comparison/target").asText()));
        assertTrue(html.contains("quiver " + json.at("/comparison/quiver_version").asText()));
    }

    @Test
    void htmlNeedsNothingFromTheNetwork() {
        for (String fetch : List.of("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import")) {
            assertFalse(html.contains(fetch), "the report must be self-contained, found " + fetch);
        }
        for (String chart : List.of("chart-percentiles", "chart-throughput", "chart-p99", "chart-streams")) {
            assertTrue(html.contains("id=\"" + chart + "\""), chart);
        }
    }

    @Test
    void textTableOverCleartextHasHttp1AndH2c() throws Exception {
        var out = QuiverProcess.run(90, "compare", "http://127.0.0.1:" + server.plainPort + "/", "-c", "2", "-p", "2", "-n", "200");
        assertEquals(0, out.exitCode(), out.stderr());
        String s = out.stdout();
        assertTrue(s.contains("h1/netty") && s.contains("h2/netty"), s);
        assertFalse(s.contains("h3/"), "no HTTP/3 for http:// URLs: " + s);
        assertTrue(s.contains("latency p99"), s);
        assertTrue(s.contains("h1/netty  all 200 completed"), s);
        assertTrue(s.contains("h2/netty  all 200 completed"), s);
        assertTrue(s.contains("Summary: "), s);
    }

    @Test
    void aVariantThatCannotConnectIsShownAsFailedAndTheOthersStillRun() throws Exception {
        try (ServeProcess tcpOnly = new ServeProcess("--no-http3")) {
            Path file = Path.of("target", "compare-failed-variant.html").toAbsolutePath();
            var out = QuiverProcess.run(90, "compare", "https://127.0.0.1:" + tcpOnly.tlsPort + "/", "--insecure",
                    "--protocols", "2,3", "--connect-timeout", "2s", "-c", "2", "-n", "300", "--json", "--html", file.toString());
            assertEquals(0, out.exitCode(), out.stderr());
            JsonNode j = new ObjectMapper().readTree(out.stdout());
            JsonNode h2 = j.get("variants").get(0);
            JsonNode h3 = j.get("variants").get(1);
            assertEquals("h2/netty", h2.get("variant").asText());
            assertEquals(300, h2.at("/requests/ok").asLong());
            assertEquals("h3/netty", h3.get("variant").asText());
            assertTrue(h3.get("failed").asText().startsWith("quic: "), h3.toString());
            assertEquals(0, h3.get("rounds").size());
            assertTrue(j.at("/comparison/rows/rps_median/h3~1netty").isNull());
            assertTrue(j.at("/comparison/summary").asText().contains("h3/netty failed (quic: "), j.at("/comparison/summary").asText());
            String page = Files.readString(file);
            assertTrue(page.contains("h3/netty (failed)"), "HTML shows the failed variant");
            assertTrue(page.contains(h3.get("failed").asText()), "HTML names the error category");
        }
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        String url = "https://127.0.0.1:" + server.tlsPort + "/";
        List<String[]> lines = List.of(
                new String[] {"compare", url, "--engines", "netty,nope", "-n", "10"},
                new String[] {"compare", url, "--protocols", "2,4", "-n", "10"},
                new String[] {"compare", url, "--rounds", "0", "-n", "10"},
                new String[] {"compare", url, "--http", "2", "-n", "10"},
                new String[] {"compare", "http://127.0.0.1:" + server.plainPort + "/", "--protocols", "3", "-n", "10"},
                new String[] {"compare", url, "--html", "/no/such/dir/report.html", "-n", "10"});
        // In one JVM (CommandLines); BadCommandLineTest runs a line of each command as a process of its own.
        var answers = CommandLines.run(lines.stream().map(List::of).toList(), 60);
        for (int i = 0; i < lines.size(); i++) {
            String[] args = lines.get(i);
            var out = answers.get(i).outcome();
            assertEquals(2, out.exitCode(), String.join(" ", args) + ": " + out.stderr());
            assertTrue(out.stderr().startsWith("quiver: "), out.stderr());
            assertEquals(1, out.stderr().strip().lines().count(), "one line: " + out.stderr());
            assertFalse(out.stderr().contains("\tat "), "no stack trace: " + out.stderr());
        }
        var unknownEngine = answers.get(0).outcome(); // compare URL --engines netty,nope -n 10
        assertTrue(unknownEngine.stderr().contains("no engine 'nope'") && unknownEngine.stderr().contains("(registered: ")
                && unknownEngine.stderr().contains("netty"),
                unknownEngine.stderr());
    }

    @Test
    void demoComparesEveryVariantAndWritesItsReport() throws Exception {
        Path file = Path.of("target", "demo-report.html").toAbsolutePath();
        Files.deleteIfExists(file);
        var out = QuiverProcess.run(120, "demo", "-z", "1s", "-c", "2", "-p", "2", "--html", file.toString());
        assertEquals(0, out.exitCode(), out.stderr());
        for (String v : List.of("h1/netty", "h2/netty", "h3/netty")) {
            assertTrue(out.stdout().contains(v), v + " in " + out.stdout());
        }
        assertTrue(out.stdout().contains("Summary: "), out.stdout());
        assertTrue(Files.readString(file).contains("id=\"chart-percentiles\""), "demo writes the HTML report");
    }

    @Test
    void ctrlCStopsTheComparisonAndStillPrintsIt() throws Exception {
        Process p = QuiverProcess.builder("compare", "http://127.0.0.1:" + server.plainPort + "/", "-c", "2", "-z", "60s",
                "--rounds", "3", "--json").start();
        try {
            // Ctrl-C once the first variant's load is under way (HTTP/1.1: -c x -p = 2 connections open at the server)
            Await.until("2 connections of quiver's at the server", Duration.ofSeconds(60), p, () -> server.openConnections() >= 2);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
            var out = QuiverProcess.collect(p, 30);
            assertEquals(0, out.exitCode(), out.stderr());
            JsonNode j = new ObjectMapper().readTree(out.stdout());
            assertTrue(j.at("/comparison/interrupted").asBoolean(), out.stdout());
            JsonNode first = j.get("variants").get(0);
            assertEquals("h1/netty", first.get("variant").asText());
            assertTrue(first.get("failed").isNull(), "Ctrl-C is no failure of the variant: " + first);
            // On a busy machine the signal may come while the first connection is still opening: then nothing ran.
            assertTrue(first.get("rounds").size() <= 1, "the interrupted round is the last one: " + first);
            if (first.get("rounds").size() == 1) {
                assertEquals("interrupted", first.get("stop_reason").asText());
                assertTrue(first.get("duration_s").asDouble() < 30);
                assertEquals(0, first.at("/streams/live").asLong());
            }
            for (int i = 1; i < j.get("variants").size(); i++) {
                assertEquals(0, j.get("variants").get(i).get("rounds").size(), "nothing runs after Ctrl-C");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static JsonNode variant(String name) {
        for (JsonNode v : json.get("variants")) {
            if (v.get("variant").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no variant " + name);
    }
}
