package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code quiver leak-check} against Debian's Caddy (Go) with its admin metrics endpoint and its pid
 * watched: a short clean run passes, and the Go gauges are read.
 */
class LeakCheckCaddyTest {

    private static final Path CADDY = Path.of("/usr/bin/caddy");

    @Test
    void aShortRunAgainstCaddyPasses() throws Exception {
        if (!Files.isExecutable(CADDY)) {
            throw new IllegalStateException("Caddy is not installed at " + CADDY + " (./run-tests installs Debian's caddy package)");
        }
        Path dir = Files.createTempDirectory("quiver-leak-caddy");
        int port = freePort();
        int admin = freePort();
        // Caddy 2.6: the admin endpoint serves /metrics (process and Go gauges); `metrics` in the
        // global servers block adds the HTTP server's own.
        Files.writeString(dir.resolve("Caddyfile"), "{\n\tadmin 127.0.0.1:" + admin + "\n\tauto_https off\n"
                + "\tservers {\n\t\tmetrics\n\t}\n}\n\n"
                + "http://127.0.0.1:" + port + " {\n\tbind 127.0.0.1\n\trespond \"ok\" 200\n}\n");
        Path log = dir.resolve("caddy.log");
        ProcessBuilder pb = new ProcessBuilder(CADDY.toString(), "run", "--config", dir.resolve("Caddyfile").toString(),
                "--adapter", "caddyfile").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process caddy = pb.start();
        try {
            awaitLog(caddy, log, "serving initial configuration");
            var out = QuiverProcess.run(120, "leak-check", "http://127.0.0.1:" + port + "/", "--http", "1.1", "-c", "4",
                    "-z", "6s", "--baseline", "1s", "--cooldown", "2s", "--sample-interval", "250ms", "--json",
                    "--watch-pid", Long.toString(caddy.pid()),
                    "--watch-prometheus", "http://127.0.0.1:" + admin + "/metrics");
            assertEquals(0, out.exitCode(), out.stderr() + "\n" + out.stdout());
            JsonNode j = new ObjectMapper().readTree(out.stdout());
            assertEquals("no_leak", j.get("verdict").asText());
            boolean goroutines = false;
            for (JsonNode r : j.get("resources")) {
                goroutines |= r.get("resource").asText().equals("go_goroutines") && r.get("samples").size() > 10;
            }
            assertTrue(goroutines, "go_goroutines read from Caddy's admin metrics: " + out.stdout());
            assertTrue(j.at("/run/requests/ok").asLong() > 0);
        } finally {
            caddy.destroy();
            if (!caddy.waitFor(5, TimeUnit.SECONDS)) {
                caddy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void awaitLog(Process p, Path log, String line) throws Exception {
        try {
            Await.until("'" + line + "' in Caddy's log", java.time.Duration.ofSeconds(20), p,
                    () -> Files.readString(log, StandardCharsets.UTF_8).contains(line));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its log: " + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : ""));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
