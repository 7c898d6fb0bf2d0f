package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code quiver leak-check} against {@code quiver serve} with and without its leak switches: each
 * leak is found (exit 5, the right resource named), the same run without it passes (exit 0).
 * Runs are short (6 s of load, the first 1.2 s warm-up) with leaks sized so that detection is certain.
 * The clean sides are eight runs, three of them in a row on one server (bytes per request over
 * HTTP/1.1, HTTP/2, HTTP/3): a check that flaps on a clean server fails there.
 */
class LeakCheckTest {

    /** A heap that neither grows nor shrinks, so the server's RSS stays put without a leak. */
    static final List<String> SERVER_JVM = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESOURCE_ROW = Pattern.compile("<tr data-resource=\"([^\"]+)\" data-verdict=\"([a-z_]+)\">");
    private static final Pattern SERIES = Pattern.compile("<path class=\"series\" data-variant=\"([^\"]+)\" data-points=\"(\\d+)\"");
    private static final AtomicInteger PAGES = new AtomicInteger();

    /**
     * A leak switch with the server flags it needs, and the protocols it is checked on (one server
     * for all of them: a second check on a leaking server starts from a higher baseline, which the
     * verdict is relative to), the load, and the resource that must be named.
     */
    record Case(String name, List<String> serveFlags, List<String> leakFlags, List<String> protocols,
                boolean http11OverTls, List<String> loadFlags, String resource) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<String> rate = List.of("-c", "4", "-p", "4", "-q", "500");
        return Stream.of(
                new Case("bytes per request", List.of(), List.of("--leak-bytes-per-request", "16384"),
                        List.of("1.1", "2", "3"), false, rate, "jvm_memory_used_bytes"),
                // A new connection per request (Connection: close, or GOAWAY after the first), each one's state kept.
                new Case("closed connections", List.of("--goaway-every", "1"), List.of("--leak-connections"),
                        List.of("1.1", "2"), true, List.of("-c", "4"), "jvm_memory_used_bytes"),
                // The same over QUIC, on a server of its own: QUIC handshakes are slower, so 6 s of load end
                // fewer connections (a few hundred, 4-5 KB kept each), and what they leave must stand out
                // against a fresh server's baseline. A fresh server's first QUIC connections also cost it
                // about 1.2 MB once (classes, interned strings, datagram buffers), which its live heap shows
                // up to a second late: a 2 s warm-up keeps that step out of the judged load.
                new Case("closed QUIC connections", List.of("--goaway-every", "1"), List.of("--leak-connections"),
                        List.of("3"), true, List.of("-c", "4", "--warmup", "2s"), "jvm_memory_used_bytes"),
                // 50 streams of credit per connection, never returned: the load stalls at 200 requests.
                new Case("stream credit", List.of("--max-streams", "50"), List.of("--leak-streams"),
                        List.of("2", "3"), true, List.of("-c", "4", "-p", "10"), "server stream credit wait")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachLeakIsFoundAndTheSameRunWithoutItPasses(Case c) throws Exception {
        List<String> leaky = new ArrayList<>(c.serveFlags());
        leaky.addAll(c.leakFlags());
        try (ServeProcess server = new ServeProcess(SERVER_JVM, leaky.toArray(String[]::new))) {
            for (String http : c.protocols()) {
                JsonNode j = check(server, http, c.http11OverTls(), c.loadFlags(), 5, c + " over HTTP/" + http + " with the leak");
                assertEquals("leak", j.get("verdict").asText());
                assertEquals("leak", verdictOf(j, c.resource()), c + " over HTTP/" + http + ": resource " + c.resource()
                        + " in " + summary(j));
            }
        }
        try (ServeProcess server = new ServeProcess(SERVER_JVM, c.serveFlags().toArray(String[]::new))) {
            for (String http : c.protocols()) {
                JsonNode j = check(server, http, c.http11OverTls(), c.loadFlags(), 0, c + " over HTTP/" + http + " without the leak");
                assertEquals("no_leak", j.get("verdict").asText(), summary(j));
                // quiver's sockets rise with its connections and come back when the load ends: not a leak.
                assertEquals("returned", verdictOf(j, "quiver open sockets"), summary(j));
            }
        }
    }

    @Test
    void aWatcherThatIsDownOrServesGarbageIsUnknownNotAPass() throws Exception {
        try (ServeProcess server = new ServeProcess(SERVER_JVM)) {
            String base = "http://127.0.0.1:" + server.plainPort;
            int closed;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                closed = s.getLocalPort(); // nothing listens there once closed
            }
            var out = QuiverProcess.run(120, "leak-check", base + "/", "--http", "1.1", "-c", "2", "-z", "4s",
                    "--baseline", "1s", "--cooldown", "1s", "--sample-interval", "250ms", "--json",
                    "--watch-prometheus", "http://127.0.0.1:" + closed + "/metrics",
                    "--watch-expvar", base + "/",
                    "--watch-pprof", base + "/bytes/100");
            assertEquals(6, out.exitCode(), out.stderr());
            JsonNode j = JSON.readTree(out.stdout());
            assertEquals("unknown", j.get("verdict").asText());
            for (JsonNode r : j.get("resources")) {
                String watcher = r.get("watcher").asText();
                if (!watcher.equals("quiver")) {
                    assertEquals("unknown", r.get("verdict").asText(), r.toString());
                } else {
                    assertFalse(r.get("verdict").asText().equals("unknown"), r.toString());
                }
            }
            assertTrue(out.stderr().contains("warning: watcher prometheus http://127.0.0.1:" + closed + "/metrics failed: "
                    + "http://127.0.0.1:" + closed + "/metrics: connection refused"), out.stderr());
            assertTrue(out.stderr().contains("not expvar JSON"), out.stderr());
            assertTrue(out.stderr().contains("goroutine profile: total N"), out.stderr());
            assertFalse(out.stderr().contains("Exception"), out.stderr());
        }
    }

    /** Ctrl-C during the cool-down (or, on a slow start, the load) ends it early and the report still prints. */
    @Test
    void ctrlCEndsTheCoolDownAndTheReportStillPrints() throws Exception {
        try (ServeProcess server = new ServeProcess(SERVER_JVM)) {
            Process p = QuiverProcess.builder("leak-check", "http://127.0.0.1:" + server.plainPort + "/", "--http", "1.1",
                    "-c", "2", "-z", "3s", "--baseline", "1s", "--cooldown", "120s", "--sample-interval", "250ms",
                    "--json").start();
            try {
                // The cool-down has begun when quiver's connections, open during the load, are gone again.
                AtomicBoolean loaded = new AtomicBoolean();
                Await.until("the load's end (quiver's 2 connections opened, then closed)", Duration.ofSeconds(60), p, () -> {
                    long open = server.openConnections();
                    loaded.compareAndSet(false, open >= 2);
                    return loaded.get() && open == 0;
                });
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                var out = QuiverProcess.collect(p, 30);
                assertEquals(0, out.exitCode(), out.stderr());
                JsonNode j = JSON.readTree(out.stdout());
                assertEquals("no_leak", j.get("verdict").asText(), summary(j));
                assertTrue(j.at("/run/requests/ok").asLong() > 0, out.stdout());
                assertEquals(0, j.at("/run/streams/live").asLong());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void badFlagsAreUsageErrors() throws Exception {
        // In one JVM (CommandLines); BadCommandLineTest runs a line of each command as a process of its own.
        var answers = CommandLines.run(List.of(List.of("leak-check", "http://127.0.0.1:1/"),
                List.of("leak-check", "http://127.0.0.1:1/", "-z", "2s", "--watch-prometheus", "ftp://x/")), 60);
        var noDuration = answers.get(0).outcome();
        assertEquals(2, noDuration.exitCode());
        assertTrue(noDuration.stderr().contains("-z"), noDuration.stderr());
        var badUrl = answers.get(1).outcome();
        assertEquals(2, badUrl.exitCode());
        assertTrue(badUrl.stderr().startsWith("quiver: --watch-prometheus needs an http://"), badUrl.stderr());
    }

    /** One leak check against the server over {@code http}; the JSON report, after checking the exit code. */
    private static JsonNode check(ServeProcess server, String http, boolean http11OverTls, List<String> loadFlags,
                                  int exit, String what) throws Exception {
        String url = http.equals("1.1") && !http11OverTls ? "http://127.0.0.1:" + server.plainPort + "/"
                : "https://127.0.0.1:" + server.tlsPort + "/";
        Path page = Path.of("target", "leak-check-" + PAGES.incrementAndGet() + ".html").toAbsolutePath();
        Files.createDirectories(page.getParent());
        Files.deleteIfExists(page);
        List<String> args = new ArrayList<>(List.of("leak-check", url, "--insecure", "--http", http,
                "-z", "6s", "--baseline", "1s", "--cooldown", "2s", "--sample-interval", "250ms", "--json",
                "--watch-pid", Long.toString(server.process.pid()),
                "--watch-prometheus", "http://127.0.0.1:" + server.plainPort + "/metrics", "--html", page.toString()));
        args.addAll(loadFlags);
        var out = QuiverProcess.run(120, args.toArray(String[]::new));
        assertEquals(exit, out.exitCode(), what + ": " + out.stderr() + "\n" + out.stdout());
        JsonNode j = JSON.readTree(out.stdout());
        // The load ran: a server that stops granting stream credit may have answered in the warm-up only.
        assertTrue(j.at("/run/requests/ok").asLong() + j.at("/run/warmup/ok").asLong() > 0, out.stdout());
        assertPageAgrees(Files.readString(page), j, what);
        return j;
    }

    /**
     * The HTML page of a check says what its JSON says: the overall verdict, each resource's verdict,
     * a plot of every reading of each resource that has any, and the load's own run page.
     */
    private static void assertPageAgrees(String page, JsonNode j, String what) {
        int load = page.indexOf("<h2 id=\"load\">");
        assertTrue(load > 0 && page.indexOf("id=\"figures\"") > load, what + ": the load's run page follows the verdicts");
        String html = page.substring(0, load);
        assertTrue(html.contains("id=\"verdict\" data-verdict=\"" + j.get("verdict").asText() + "\""), what);
        Map<String, String> verdicts = new LinkedHashMap<>();
        Matcher row = RESOURCE_ROW.matcher(html);
        while (row.find()) {
            verdicts.put(row.group(1).replace("&amp;", "&").replace("&quot;", "\""), row.group(2));
        }
        Map<String, String> points = new LinkedHashMap<>();
        Matcher series = SERIES.matcher(html);
        while (series.find()) {
            points.put(series.group(1).replace("&amp;", "&").replace("&quot;", "\""), series.group(2));
        }
        Map<String, String> wantVerdicts = new LinkedHashMap<>();
        Map<String, String> wantPoints = new LinkedHashMap<>();
        for (JsonNode r : j.get("resources")) {
            wantVerdicts.put(r.get("resource").asText(), r.get("verdict").asText());
            if (!r.get("samples").isEmpty()) {
                wantPoints.put(r.get("resource").asText(), Integer.toString(r.get("samples").size()));
            }
        }
        assertEquals(wantVerdicts, verdicts, what + ": the page's verdicts are the JSON's");
        assertEquals(wantPoints, points, what + ": every reading plotted");
    }

    private static String verdictOf(JsonNode report, String resource) {
        for (JsonNode r : report.get("resources")) {
            if (r.get("resource").asText().equals(resource)) {
                return r.get("verdict").asText();
            }
        }
        return "missing";
    }

    private static String summary(JsonNode report) {
        StringBuilder s = new StringBuilder();
        for (JsonNode r : report.get("resources")) {
            s.append("\n  ").append(r.get("resource").asText()).append(": ").append(r.get("verdict").asText())
                    .append(" - ").append(r.get("reason").asText());
        }
        return s.toString();
    }
}
