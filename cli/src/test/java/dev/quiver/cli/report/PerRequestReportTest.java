package dev.quiver.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.cli.report.html.RunHtmlReport;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RequestResult;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.Workload;
import dev.quiver.server.ReferenceServers;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.tcp.ServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The "Per request" rows of a --urls run in every report format, read back from JSON and merged; none without --urls. */
@Timeout(60)
class PerRequestReportTest {

    private static ReferenceServers servers;
    private static RunResult mixed;
    private static RunResult plain;

    @BeforeAll
    static void run() throws Exception {
        servers = ReferenceServers.start(ServerConfig.builder().tlsPort(0).plainPort(0).build(), Http3ServerConfig.builder(), false);
        Target target = Target.parse("https://127.0.0.1:" + servers.tlsPort() + "/ignored");
        RequestMix mix = new RequestMix(List.of(
                new RequestMix.Entry(RequestTemplate.get(), "/", 3, "t:1"),
                new RequestMix.Entry(new RequestTemplate("POST", List.of(), "12345".getBytes()), "/bytes/10", 2, "t:2"),
                new RequestMix.Entry(RequestTemplate.get(), "/missing", 1, "t:3")), true);
        Workload w = new Workload(2, 4, 600, null, 0, Duration.ofSeconds(10));
        mixed = new Scheduler(new RunSpec(target, Protocol.HTTP_2, true, mix, w, Duration.ofSeconds(5), 1, Duration.ofSeconds(1),
                null), Engines.find(Protocol.HTTP_2, null).orElseThrow(), null).run();
        plain = new Scheduler(new RunSpec(target, Protocol.HTTP_2, true, RequestTemplate.get(), w, Duration.ofSeconds(5), 1,
                Duration.ofSeconds(1)), Engines.find(Protocol.HTTP_2, null).orElseThrow(), null).run();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void everyFormatShowsARowPerRequest() throws Exception {
        JsonNode urls = new ObjectMapper().readTree(JsonReport.render(mixed)).get("urls");
        assertEquals(3, urls.size());
        JsonNode post = urls.get(1);
        assertEquals("POST /bytes/10", post.get("label").asText());
        assertEquals("POST", post.get("method").asText());
        assertEquals("/bytes/10", post.get("path").asText());
        assertEquals(2, post.get("weight").asLong());
        assertEquals(200, post.get("requests").asLong());
        assertEquals(200, post.get("ok").asLong());
        assertEquals(0, post.get("failed").asLong());
        assertEquals(200, post.at("/status/200").asLong());
        for (String k : List.of("p50", "p90", "p99", "max", "mean", "count")) {
            assertTrue(post.get("latency_ms").has(k), k);
        }
        assertEquals(100, urls.get(2).at("/status/404").asLong(), "the path that does not exist");
        assertEquals(300, urls.get(0).at("/status/200").asLong());
        assertEquals(200 * 5, mixed.bytes().sent(), "the POST's body, and only the POST's");

        String text = TextReport.render(mixed);
        assertTrue(text.contains("Per request:"), text);
        assertTrue(text.matches("(?s).*GET /missing\\s+1\\s+16\\.7%\\s+16\\.7%\\s+100\\s+100\\s+0 .*404 x100.*"), text);
        String html = RunHtmlReport.render(mixed);
        assertTrue(html.contains("<table id=\"per-request\">") && html.contains("POST /bytes/10"), "HTML table");
    }

    @Test
    void aRunWithoutUrlsReportsAsBefore() throws Exception {
        assertTrue(plain.perRequest().isEmpty());
        assertFalse(new ObjectMapper().readTree(JsonReport.render(plain)).has("urls"));
        assertFalse(TextReport.render(plain).contains("Per request"));
        assertFalse(RunHtmlReport.render(plain).contains("per-request"));
    }

    @Test
    void rowsReadBackFromJsonAndMergeExactly() {
        RunResult back = RunJsonReader.read(JsonReport.render(mixed));
        assertEquals(JsonReport.render(mixed), JsonReport.render(back));
        RunResult merged = RunResult.merge(mixed, back);
        assertEquals(List.of(600L, 400L, 200L), merged.perRequest().stream().map(RequestResult::requests).toList());
        RequestResult row = merged.perRequest().get(0);
        assertEquals(2 * mixed.perRequest().get(0).latency().getTotalCount(), row.latency().getTotalCount());
        assertEquals(mixed.perRequest().get(0).latency().getMaxValue(), row.latency().getMaxValue());
    }
}
