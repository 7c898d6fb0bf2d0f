package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code quiver leak-check} against {@code quiver serve} with and without its leak switches: each
 * leak is found (exit 5, the right resource named), the same run without it passes (exit 0).
 * Runs are short (6 s of load, the first 1.2 s warm-up) with leaks sized so that detection is certain.
 */
class LeakCheckTest {

    /** A heap that neither grows nor shrinks, so the server's RSS stays put without a leak. */
    static final List<String> SERVER_JVM = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A leak switch, the protocol and load it is checked with, and the resource that must be named. */
    record Case(String name, String http, boolean tls, List<String> serveFlags, List<String> leakFlags,
                List<String> loadFlags, String resource) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<String> rate = List.of("-c", "4", "-p", "4", "-q", "500");
        return Stream.of(
                new Case("bytes per request, HTTP/1.1", "1.1", false, List.of(), List.of("--leak-bytes-per-request", "16384"),
                        rate, "jvm_memory_used_bytes"),
                new Case("bytes per request, HTTP/2", "2", true, List.of(), List.of("--leak-bytes-per-request", "16384"),
                        rate, "jvm_memory_used_bytes"),
                new Case("bytes per request, HTTP/3", "3", true, List.of(), List.of("--leak-bytes-per-request", "16384"),
                        rate, "jvm_memory_used_bytes"),
                // A new connection per request (Connection: close), each one's state kept.
                new Case("closed connections, HTTP/1.1 over TLS", "1.1", true, List.of("--goaway-every", "1"),
                        List.of("--leak-connections"), List.of("-c", "4"), "jvm_memory_used_bytes"),
                // 50 streams of credit per connection, never returned: the load stalls at 200 requests.
                new Case("stream credit, HTTP/2", "2", true, List.of("--max-streams", "50"), List.of("--leak-streams"),
                        List.of("-c", "4", "-p", "10"), "server stream credit wait"),
                // QUIC's initial 100 streams per connection, no MAX_STREAMS after: stalls at 400 requests.
                new Case("stream credit, HTTP/3", "3", true, List.of(), List.of("--leak-streams"),
                        List.of("-c", "4", "-p", "10"), "server stream credit wait")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachLeakIsFoundAndTheSameRunWithoutItPasses(Case c) throws Exception {
        JsonNode leaky = check(c, true);
        assertEquals("leak", leaky.get("verdict").asText());
        assertEquals("leak", verdictOf(leaky, c.resource()), "resource " + c.resource() + " in " + summary(leaky));

        JsonNode clean = check(c, false);
        assertEquals("no_leak", clean.get("verdict").asText(), summary(clean));
    }

    @Test
    void cleanRunsDoNotFlap() throws Exception {
        Case c = (Case) cases().toList().get(1).get()[0];
        for (int i = 0; i < 2; i++) {
            JsonNode clean = check(c, false);
            assertEquals("no_leak", clean.get("verdict").asText(), "run " + (i + 1) + ": " + summary(clean));
            // quiver's sockets rise with its connections and come back when the load ends: not a leak.
            assertEquals("returned", verdictOf(clean, "quiver open sockets"), summary(clean));
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

    @Test
    void badFlagsAreUsageErrors() throws Exception {
        var noDuration = QuiverProcess.run(30, "leak-check", "http://127.0.0.1:1/");
        assertEquals(2, noDuration.exitCode());
        assertTrue(noDuration.stderr().contains("-z"), noDuration.stderr());
        var badUrl = QuiverProcess.run(30, "leak-check", "http://127.0.0.1:1/", "-z", "2s", "--watch-prometheus", "ftp://x/");
        assertEquals(2, badUrl.exitCode());
        assertTrue(badUrl.stderr().startsWith("quiver: --watch-prometheus needs an http://"), badUrl.stderr());
    }

    /** One leak check of the case, with or without its leak switch; the JSON report. */
    private static JsonNode check(Case c, boolean leak) throws Exception {
        List<String> serve = new ArrayList<>(c.serveFlags());
        if (leak) {
            serve.addAll(c.leakFlags());
        }
        try (ServeProcess server = new ServeProcess(SERVER_JVM, serve.toArray(String[]::new))) {
            String url = c.tls() ? "https://127.0.0.1:" + server.tlsPort + "/" : "http://127.0.0.1:" + server.plainPort + "/";
            List<String> args = new ArrayList<>(List.of("leak-check", url, "--insecure", "--http", c.http(),
                    "-z", "6s", "--baseline", "1s", "--cooldown", "2s", "--sample-interval", "250ms", "--json",
                    "--watch-pid", Long.toString(server.process.pid()),
                    "--watch-prometheus", "http://127.0.0.1:" + server.plainPort + "/metrics"));
            args.addAll(c.loadFlags());
            var out = QuiverProcess.run(120, args.toArray(String[]::new));
            assertEquals(leak ? 5 : 0, out.exitCode(), c + (leak ? " with" : " without") + " the leak: " + out.stderr()
                    + "\n" + out.stdout());
            JsonNode j = JSON.readTree(out.stdout());
            assertTrue(j.at("/run/requests/ok").asLong() > 0, out.stdout());
            return j;
        }
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
