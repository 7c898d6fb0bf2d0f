package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code quiver run --urls FILE} as a user runs it against {@code quiver serve}: the weights are met,
 * each row's latency is its route's, and every engine sends each line's method, path and body.
 */
class UrlsProcessTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    @TempDir
    Path dir;

    private static JsonNode json(QuiverProcess.Outcome out) throws Exception {
        assertEquals(0, out.exitCode(), out.stderr());
        return new ObjectMapper().readTree(out.stdout());
    }

    private static void assertBooks(JsonNode j) {
        JsonNode s = j.get("streams");
        long terminal = 0;
        for (String k : List.of("completed", "reset_by_peer", "cancelled", "refused", "connection_lost", "timed_out",
                "protocol_error")) {
            terminal += s.get(k).asLong();
        }
        assertEquals(s.get("opened").asLong(), terminal, "opened = sum of terminal states: " + s);
        assertEquals(0, s.get("live").asLong());
        assertEquals(0, s.get("double_terminal").asLong());
        assertTrue(!j.get("stream_leak").asBoolean());
    }

    @Test
    void threeWeightedEntriesGetTheirSharesAndTheirRoutesLatency() throws Exception {
        Path urls = Files.writeString(dir.resolve("requests.txt"), """
                # weights 5:3:2 over three routes of quiver serve
                5 GET /
                3 GET /bytes/100
                2 GET /delay/5
                """);
        String url = "https://127.0.0.1:" + SERVE.get().tlsPort + "/this-path-is-not-used";
        JsonNode j = json(QuiverProcess.run(120, "run", url, "-k", "--http", "2", "-c", "10", "-p", "10", "-n", "30000",
                "--urls", urls.toString(), "--json", "--no-progress"));
        assertBooks(j);
        assertEquals(30_000, j.at("/requests/ok").asLong(), j.get("errors").toString());
        JsonNode rows = j.get("urls");
        assertEquals(3, rows.size());
        long[] weights = {5, 3, 2};
        long total = 0;
        for (JsonNode row : rows) {
            total += row.get("requests").asLong();
        }
        assertEquals(30_000, total);
        for (int i = 0; i < 3; i++) {
            JsonNode row = rows.get(i);
            double share = row.get("requests").asDouble() / total;
            double expected = weights[i] / 10.0;
            assertTrue(Math.abs(share - expected) <= 0.03 * expected, row.get("label") + ": share " + share + ", weight " + expected);
            assertEquals(weights[i], row.get("weight").asLong());
            assertEquals(row.get("requests").asLong(), row.at("/status/200").asLong(), "all 200: " + row.get("status"));
            assertEquals(row.get("ok").asLong(), row.at("/latency_ms/count").asLong());
        }
        assertEquals("GET /delay/5", rows.get(2).get("label").asText());
        double delayP50 = rows.get(2).at("/latency_ms/p50").asDouble();
        assertTrue(delayP50 >= 5, "/delay/5 answers after 5 ms, p50 " + delayP50);
        assertTrue(rows.get(0).at("/latency_ms/p50").asDouble() < delayP50, "/ is faster than /delay/5: " + rows);
        assertEquals(100 * rows.get(1).get("ok").asLong() + 14 * (rows.get(0).get("ok").asLong() + rows.get(2).get("ok").asLong()),
                j.at("/bytes/received").asLong(), "each route's body: 14 bytes of hello, 100 of /bytes/100");
    }

    /**
     * Each engine sends each line as written: the paths give their statuses (404 for one that does not
     * exist), HEAD gets no body although /bytes/1000 has one, and only the POST's body goes out.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "HTTP/1.1 cleartext, plain, 1.1, ",
        "HTTP/2 TLS, tls, 2, ",
        "h2c, plain, 2, ",
        "HTTP/3 netty, tls, 3, netty",
        "HTTP/3 kwik, tls, 3, kwik",
    })
    void everyEngineSendsEachLinesMethodPathAndBody(String name, String port, String http, String engine) throws Exception {
        byte[] payload = new byte[1000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        Files.write(dir.resolve("payload.bin"), payload);
        Path urls = Files.writeString(dir.resolve("contract.txt"), """
                2 GET /
                1 POST /bytes/10 -d @payload.bin -H 'Content-Type: application/octet-stream'
                1 HEAD /bytes/1000
                1 get /no/such/route
                """);
        String url = port.equals("tls") ? "https://127.0.0.1:" + SERVE.get().tlsPort + "/" : "http://127.0.0.1:" + SERVE.get().plainPort + "/";
        List<String> args = new ArrayList<>(List.of("run", url, "-k", "--http", http, "-c", "2", "-p", "4", "-n", "500",
                "--urls", urls.toString(), "--json", "--no-progress", "-H", "X-Run: contract"));
        if (engine != null) {
            args.addAll(List.of("--engine", engine));
        }
        JsonNode j = json(QuiverProcess.run(60, args.toArray(String[]::new)));
        assertBooks(j);
        assertEquals(500, j.at("/requests/ok").asLong(), j.get("errors").toString());
        JsonNode rows = j.get("urls");
        assertEquals(List.of("GET /", "POST /bytes/10", "HEAD /bytes/1000", "GET /no/such/route"),
                List.of(rows.get(0).get("label").asText(), rows.get(1).get("label").asText(), rows.get(2).get("label").asText(),
                        rows.get(3).get("label").asText()));
        assertEquals(Map.of("200", 200L), counts(rows.get(0).get("status")));
        assertEquals(Map.of("200", 100L), counts(rows.get(1).get("status")));
        assertEquals(Map.of("200", 100L), counts(rows.get(2).get("status")));
        assertEquals(Map.of("404", 100L), counts(rows.get(3).get("status")));
        assertEquals(100L * payload.length, j.at("/bytes/sent").asLong(), "the POST's body, 100 times, and nothing else");
        assertEquals(200 * 14 + 100 * 10 + 100 * "not found\n".length(), j.at("/bytes/received").asLong(),
                "hello x200, /bytes/10 x100, HEAD nothing, not found x100");
    }

    @Test
    void compareGivesEachVariantItsRows() throws Exception {
        Path urls = Files.writeString(dir.resolve("compare.txt"), "3 GET /\n1 GET /nope\n");
        JsonNode j = json(QuiverProcess.run(90, "compare", "https://127.0.0.1:" + SERVE.get().tlsPort + "/", "-k",
                "--protocols", "1.1,2", "--rounds", "1", "-c", "2", "-p", "2", "-n", "400", "--urls", urls.toString(), "--json",
                "--no-progress"));
        assertEquals(2, j.get("variants").size());
        for (JsonNode v : j.get("variants")) {
            JsonNode rows = v.get("urls");
            assertEquals(2, rows.size(), v.get("variant").asText());
            assertEquals(300, rows.get(0).at("/status/200").asLong(), v.get("variant").asText());
            assertEquals(100, rows.get(1).at("/status/404").asLong(), v.get("variant").asText());
            assertEquals("GET", v.at("/parameters/method").asText());
        }
    }

    private static Map<String, Long> counts(JsonNode o) {
        Map<String, Long> m = new TreeMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
