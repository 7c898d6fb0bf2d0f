package dev.quiver.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.cli.report.html.RunHtmlReport;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.Workload;
import dev.quiver.server.ReferenceServers;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.tcp.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A ramped run in each report format: the stages listed, each interval's target, and the JSON read back the same. */
@Timeout(120)
class RampReportTest {

    private static ReferenceServers servers;
    private static RunResult rate;
    private static RunResult connections;

    @BeforeAll
    static void runRampsAgainstTheEmbeddedServer() throws Exception {
        servers = ReferenceServers.start(ServerConfig.builder().tlsPort(0).plainPort(0).build(), Http3ServerConfig.builder(), false);
        rate = run(Ramp.parse(RampKind.RATE, "1s:50->150,1s:150"), 4);
        connections = run(Ramp.parse(RampKind.CONNECTIONS, "1s:1->3,1s:3"), 3);
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    private static RunResult run(Ramp ramp, int c) throws Exception {
        Target target = Target.parse("http://127.0.0.1:" + servers.plainPort() + "/");
        RunSpec spec = new RunSpec(target, Protocol.HTTP_2, false, RequestTemplate.get(),
                new Workload(c, 8, 0, ramp.total(), 0, Duration.ofSeconds(10), Duration.ZERO, ramp), Duration.ofSeconds(5), 0,
                Duration.ofSeconds(1));
        return new Scheduler(spec, Engines.find(Protocol.HTTP_2, null).orElseThrow(), null).run();
    }

    @Test
    void theJsonCarriesTheStagesAndEachIntervalsTargetAndReadsBackTheSame() throws Exception {
        for (RunResult r : new RunResult[] {rate, connections}) {
            String json = JsonReport.render(r);
            RunResult back = RunJsonReader.read(json);
            assertEquals(r.ramp(), back.ramp());
            assertEquals(json, JsonReport.render(back), "the same report, key by key");
            assertEquals(TextReport.render(r), TextReport.render(back));
        }
        String json = JsonReport.render(rate);
        assertTrue(json.contains("\"ramp\" : {\n    \"kind\" : \"rate\",\n    \"text\" : \"1s:50->150,1s:150\""), json);
        JsonNode tree = new ObjectMapper().readTree(json);
        long start = tree.at("/window/start_epoch_us").asLong();
        for (JsonNode i : tree.get("intervals")) {
            long from = (i.get("start_epoch_us").asLong() - start) * 1000;
            long to = from + i.get("length_us").asLong() * 1000;
            assertEquals(rate.ramp().mean(from, to), i.get("target_rps").asDouble(), 0.001, "the ramp's mean over " + i);
        }
        assertTrue(tree.at("/intervals/0/target_rps").asDouble() > 95 && tree.at("/intervals/0/target_rps").asDouble() < 110,
                "about the mean of the first second of 50 -> 150: " + tree.at("/intervals/0"));
        assertTrue(JsonReport.render(connections).contains("\"target_connections\" : 3.0"), JsonReport.render(connections));
    }

    @Test
    void theTextReportListsTheStagesWithWhatTheRunDidInEach() {
        String text = TextReport.render(rate);
        assertTrue(text.contains("Model:         open, rate in stages (1s:50->150,1s:150 req/s); latency from the intended start"), text);
        assertTrue(text.contains("Stages (req/s: target, started, completed):"), text);
        assertTrue(text.matches("(?s).*\\n   1  0s-1s +50 -> 150 +1\\d\\d\\.\\d .*\\n   2  1s-2s +150 +150\\.0 .*"), text);
        String closed = TextReport.render(connections);
        assertTrue(closed.contains("Stages (connections: target; req/s: started, completed):"), closed);
    }

    @Test
    void theHtmlPageDrawsTheRampAndListsItsStages() {
        String page = RunHtmlReport.render(rate);
        assertTrue(page.contains("id=\"chart-ramp\""), "the ramp's chart");
        assertTrue(page.contains("<table id=\"stages\">"), "the stages' table");
        assertTrue(page.contains("<td>50 -&gt; 150</td>") || page.contains("<td>50 -> 150</td>"), "stage 1's target");
        assertNotNull(RunHtmlReport.render(connections));
        assertTrue(RunHtmlReport.render(connections).contains("Connections per interval"));
    }
}
