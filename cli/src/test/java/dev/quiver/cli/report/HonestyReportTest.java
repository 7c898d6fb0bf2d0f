package dev.quiver.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.cli.report.html.RunHtmlReport;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.ClientBound;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.report.Warmup;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every run report says about the warm-up and about quiver being its own bottleneck. */
class HonestyReportTest {

    private static final ClientBound BUSY = new ClientBound("process CPU time against 2 cores; 1 event-loop thread", 2, 1,
            10, 19, 0.97, 0.1, 9);
    private static final ClientBound WAITING = new ClientBound("m", 2, 1, 10, 4, 0.97, 0.8, 9);
    private static final ClientBound IDLE = new ClientBound("m", 2, 2, 10, 1, 0.2, 0.05, 0);

    private static RunResult result(Warmup warmup, ClientBound c) {
        return RunResult.builder().target("https://127.0.0.1:8443/").protocol(Protocol.HTTP_2).engine("netty")
                .model(LoadModel.CLOSED)
                .parameters(new RunResult.Parameters(4, 10, 0, 10, 0, 30, "GET"))
                .window(new RunResult.Window(1_700_000_000_000_000L, 10_000_000, 1_000_000, StopReason.DURATION))
                .requests(1000, 0, 0, 0).status(Map.of("200", 1000L)).warmup(warmup).clientBound(c).build();
    }

    @Test
    void aClientBoundRunSaysSoFirstWithWhatToChange() {
        String text = TextReport.render(result(Warmup.NONE, BUSY));
        assertTrue(text.startsWith("WARNING: quiver itself was the bottleneck (client-bound) for 90% of the measured run"), text);
        assertTrue(text.contains("fewer streams per connection (-p), more --io-threads, more cores, or several machines"), text);
        assertFalse(text.contains("waited for a core that other processes held"), text);
        assertTrue(text.contains("  Client load:   CPU 95% of 2 cores, busiest event loop 97% busy (10% waiting for a core), "
                + "saturated 90% of the time (client-bound, see WARNING)"), text);

        String waited = TextReport.render(result(Warmup.NONE, WAITING));
        assertTrue(waited.contains("mostly waited for a core that other processes held"), waited);

        String page = RunHtmlReport.render(result(Warmup.NONE, BUSY));
        assertTrue(page.contains("id=\"client-bound\""), "the page's banner");
    }

    @Test
    void aRunThatWasNotClientBoundHasNoWarningButStillItsFigures() throws Exception {
        RunResult r = result(Warmup.NONE, IDLE);
        String text = TextReport.render(r);
        assertFalse(text.contains("WARNING"), text);
        assertTrue(text.contains("  Client load:   CPU 5% of 2 cores"), text);
        assertFalse(RunHtmlReport.render(r).contains("id=\"client-bound\""));
        JsonNode j = new ObjectMapper().readTree(JsonReport.render(r));
        assertFalse(j.at("/client_bound/saturated").asBoolean());
        assertEquals(0.05, j.at("/client_bound/cpu_share").asDouble(), 1e-9);
        assertEquals(0.2, j.at("/client_bound/busiest_loop_share").asDouble(), 1e-9);
    }

    @Test
    void theWarmupIsSaidWithItsErrorsApart() throws Exception {
        Warmup w = new Warmup(3, 120, 118, 2, 0, 0, Map.of("reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)", 2L), 0);
        RunResult r = result(w, IDLE);
        String text = TextReport.render(r);
        assertTrue(text.contains("  Warm-up:       3.0 s on the same connections before the measured part: 120 requests "
                + "(ok 118, failed 2, aborted 0), none of them counted"), text);
        assertTrue(text.contains("  Warm-up error: [2] reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)"), text);
        assertTrue(text.contains("Errors:\n  none"), "the measured run's errors are its own: " + text);
        JsonNode j = new ObjectMapper().readTree(JsonReport.render(r));
        assertEquals(3.0, j.at("/warmup/duration_s").asDouble());
        assertEquals(120, j.at("/warmup/requests").asLong());
        assertEquals(2, j.at("/warmup/errors/reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)").asLong());
        assertTrue(RunHtmlReport.render(r).contains("id=\"warmup\""));

        JsonNode none = new ObjectMapper().readTree(JsonReport.render(result(Warmup.NONE, IDLE)));
        assertEquals(0.0, none.at("/warmup/duration_s").asDouble(), "the block is always there");
        assertFalse(TextReport.render(result(Warmup.NONE, IDLE)).contains("Warm-up"));
    }
}
