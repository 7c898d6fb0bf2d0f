package dev.quiver.cli.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A page made inside the lab says which link it was measured on; outside it is left as it was. */
class LinkSectionTest {

    private static final String PAGE = "<!DOCTYPE html>\n<html><head></head><body>\n<h1>run</h1>\n</body></html>\n";

    @Test
    void theLinkGoesBeforeTheEndOfThePageWithItsSettingsAndCounters() {
        Map<String, Object> link = Map.of(
                "client_address", "198.18.0.1", "server_address", "198.18.0.2", "seed", 7, "tcp_congestion_control", "cubic",
                "params", Map.of("rtt_ms", 40.0, "mtu", 1500,
                        "to_server", Map.of("delay_ms", 20.0, "loss", 0.01),
                        "to_client", Map.of("delay_ms", 20.0, "loss", 0.02, "rate_bps", 10_000_000)),
                "to_server", Map.of("forwarded", 1234, "dropped_loss", 12),
                "to_client", Map.of("forwarded", 2345, "dropped_loss", 47, "max_queue_delay_ms", 3.5));
        String page = LinkSection.addTo(PAGE, link);
        assertTrue(page.endsWith("</table></section>\n</body></html>\n"), page);
        assertTrue(page.contains("198.18.0.1 -&gt; 198.18.0.2, seed 7, rtt 40 ms, mtu 1500, TCP congestion control cubic"), page);
        assertTrue(page.contains("<tr><td>loss</td><td>0.01</td><td>0.02</td></tr>"), page);
        assertTrue(page.contains("<tr><td>rate bps</td><td>-</td><td>10000000</td></tr>"), page);
        assertTrue(page.contains("<tr><td>dropped loss</td><td>12</td><td>47</td></tr>"), page);
        assertTrue(page.contains("<tr><td>max queue delay ms</td><td>-</td><td>3.5</td></tr>"), page);
    }

    @Test
    void outsideALabThePageIsUnchanged() {
        assertEquals(PAGE, LinkSection.addTo(PAGE, null));
    }
}
