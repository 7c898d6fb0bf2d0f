package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two things that keep a run's figures honest, as a user meets them: {@code --warmup} (nothing
 * of it counts, its requests are said apart, the books balance over the whole run) and the
 * client-bound check (one event loop for hundreds of HTTP/3 streams against gtlsserver, a C server
 * several times cheaper per request than quiver's HTTP/3 client, is flagged in JSON and HTML; a slow
 * server with few streams is not). Over HTTP/2 the lean client's one loop is no longer certain to be
 * the bottleneck, neither against quiver's own server nor against nghttpd.
 */
class HonestResultsTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    private static String url(String path) {
        return "https://127.0.0.1:" + SERVE.get().tlsPort + path;
    }

    private static JsonNode json(QuiverProcess.Outcome out) throws Exception {
        assertEquals(0, out.exitCode(), out.stderr());
        return new ObjectMapper().readTree(out.stdout());
    }

    @Test
    void warmupRequestsAreNotCountedAndTheBooksCoverTheWholeRun() throws Exception {
        JsonNode j = json(QuiverProcess.run(60, "run", url("/"), "-k", "--http", "2", "-c", "2", "-p", "4", "-n", "500",
                "--warmup", "1s", "--json"));
        assertEquals(500, j.at("/requests/total").asLong(), "-n counts measured requests only");
        assertEquals(500, j.at("/requests/ok").asLong());
        assertEquals(500, j.at("/latency_ms/count").asLong(), "no warm-up latency");
        assertEquals(500, j.at("/status/200").asLong());
        assertEquals(1.0, j.at("/warmup/duration_s").asDouble(), 1e-9);
        long warm = j.at("/warmup/requests").asLong();
        assertTrue(warm > 0, "requests ran during the warm-up: " + j.get("warmup"));
        assertEquals(0, j.at("/warmup/failed").asLong(), j.get("warmup").toString());
        assertTrue(j.at("/warmup/errors").isObject());
        assertEquals(500 + warm + j.at("/requests/retried").asLong() + j.at("/warmup/retried").asLong(),
                j.at("/streams/opened").asLong(), "the books cover the warm-up too");
        assertEquals(0, j.at("/streams/live").asLong());
        assertFalse(j.get("stream_leak").asBoolean());
        assertEquals(2, j.at("/connections/opened").asLong(), "the warm-up's connections stay open into the measured part");
        assertTrue(j.at("/duration_s").asDouble() < 1.0 + j.at("/warmup/duration_s").asDouble(),
                "the duration is of the measured part: " + j.at("/duration_s"));
    }

    @Test
    void theTextReportSaysAWarmupRan() throws Exception {
        var out = QuiverProcess.run(60, "run", url("/"), "-k", "--http", "2", "-c", "1", "-n", "100", "--warmup", "300ms");
        assertEquals(0, out.exitCode(), out.stderr());
        assertTrue(out.stdout().contains("  Warm-up:       0.3 s on the same connections before the measured part: "),
                out.stdout());
        assertTrue(out.stdout().contains("none of them counted"), out.stdout());
        assertTrue(out.stdout().contains("  Requests:      100 (ok 100,"), out.stdout());
        assertTrue(out.stdout().contains("  Client load:   CPU "), out.stdout());
    }

    @Test
    void oneEventLoopForHundredsOfStreamsIsFlagged() throws Exception {
        Path page = Path.of("target", "client-bound.html").toAbsolutePath();
        Files.createDirectories(page.getParent());
        Files.deleteIfExists(page);
        JsonNode j;
        try (Gtlsserver gtls = Gtlsserver.start()) {
            j = json(QuiverProcess.run(60, "run", "https://127.0.0.1:" + gtls.port + "/index.html", "-k", "--http", "3",
                    "--io-threads", "1", "-c", "8", "-p", "50", "-z", "3s", "--json", "--html", page.toString()));
        }
        JsonNode c = j.get("client_bound");
        assertTrue(c.get("saturated").asBoolean(), "one loop for 400 streams: " + c);
        assertEquals(1, c.get("loops").asInt(), c.toString());
        assertTrue(c.get("busiest_loop_share").asDouble() >= 0.9, c.toString());
        assertTrue(c.get("saturated_share").asDouble() >= 0.3, c.toString());
        assertTrue(c.get("cpu_share").isNumber() && c.get("cores").asInt() >= 1, c.toString());
        assertTrue(c.get("sampled_s").asDouble() >= 2.5, "the measured part was sampled: " + c);
        String html = Files.readString(page);
        assertTrue(html.contains("id=\"client-bound\""), "the page's banner");
        assertTrue(html.contains("quiver itself was the bottleneck"), "the banner says what it means");
    }

    @Test
    void aSlowServerWithFewStreamsIsNotFlagged() throws Exception {
        JsonNode j = json(QuiverProcess.run(60, "run", url("/delay/50"), "-k", "--http", "2", "-c", "2", "-p", "2", "-z", "3s",
                "--json"));
        JsonNode c = j.get("client_bound");
        assertFalse(c.get("saturated").asBoolean(), "40 requests a second, each waiting 50 ms: " + c);
        assertTrue(c.get("busiest_loop_share").asDouble() < 0.9, c.toString());
        assertTrue(c.get("cpu_share").asDouble() < 0.9, c.toString());
        assertTrue(j.at("/latency_ms/p50").asDouble() >= 50, "the server's delay: " + j.get("latency_ms"));
    }

    /**
     * --busy-poll: the loop spins on a core the whole run, yet its idle spinning is not the client's
     * load, so a slow server is still not flagged; and the loop keeps serving its sockets and ends
     * the run on time.
     */
    @Test
    void aSpinningLoopIdlingOnASlowServerIsNotFlagged() throws Exception {
        // A second of warm-up keeps the JIT's first burst out of the measured part's CPU.
        JsonNode j = json(QuiverProcess.run(60, "run", url("/delay/50"), "-k", "--http", "2", "-c", "2", "-p", "2", "-z", "3s",
                "--warmup", "1s", "--io-threads", "1", "--busy-poll", "--json"));
        JsonNode c = j.get("client_bound");
        assertFalse(c.get("saturated").asBoolean(), "40 requests a second on a spinning loop: " + c);
        assertTrue(c.get("busiest_loop_share").asDouble() < 0.5, c.toString());
        // Counted, the spinning alone would be a whole core for the whole run.
        assertTrue(c.get("cpu_s").asDouble() < 0.6 * c.get("sampled_s").asDouble(), "spinning is not load: " + c);
        assertTrue(c.get("measured").asText().contains("idle spinning (--busy-poll) not counted"), c.toString());
        assertTrue(j.at("/latency_ms/p50").asDouble() >= 50, "the server's delay: " + j.get("latency_ms"));
        assertTrue(j.at("/requests/ok").asLong() >= 150, "about 240 in 3 s: " + j.get("requests"));
    }
}
