package dev.quiver.lab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.impair.QueueLimit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkFlagsTest {

    private static final long MS = 1_000_000L;

    @Test
    void rttSplitsIntoTwoOneWayDelaysAndPerDirectionFlagsOverride() {
        LinkSpec s = new LinkFlags().set("rtt", "40ms").set("loss", "1%").set("loss-down", "2%").set("rate-up", "5mbit")
                .set("queue-up", "100p").build(7, 1500);
        assertEquals(20 * MS, s.toServer().delayNanos());
        assertEquals(20 * MS, s.toClient().delayNanos());
        assertEquals(0.01, s.toServer().loss(), 1e-12);
        assertEquals(0.02, s.toClient().loss(), 1e-12);
        assertEquals(5_000_000L, s.toServer().rateBitsPerSecond());
        assertEquals(QueueLimit.ofPackets(100), s.toServer().queue());
        assertEquals(0, s.toClient().rateBitsPerSecond());
        assertEquals(7, s.seed());
        assertEquals("to server: delay 20ms, rate 5mbit (queue 100 packets), loss 1%, to client: delay 20ms, loss 2%, seed 7", s.summary());
    }

    @Test
    void theRunnersDropListGoesOneWayAndIntoTheReport() {
        LinkSpec s = new LinkFlags().set("rtt", "30ms").set("drop-up", "2,3,4,5,6,7").build(7, 1500);
        assertEquals("2-7", s.toServer().drops().toString());
        assertTrue(s.toClient().drops().isEmpty());
        assertEquals("2-7", ((Map<?, ?>) s.describe().get("to_server")).get("drop"));
        assertNull(((Map<?, ?>) s.describe().get("to_client")).get("drop"));
        assertEquals("to server: delay 15ms, drop UDP packets 2-7, to client: delay 15ms, seed 7", s.summary());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinkFlags().set("drop-up", "0").build(7, 1500));
        assertTrue(e.getMessage().startsWith("--drop-up: invalid packet list '0'"), e.getMessage());
    }

    @Test
    void aProfileIsTheStartingPoint() {
        LinkSpec s = new LinkFlags().set("profile", "3g").set("loss", "1%").build(1, 1500);
        assertEquals("3g", s.profile());
        assertEquals(150 * MS, s.toServer().delayNanos());
        assertEquals(768_000L, s.toServer().rateBitsPerSecond());
        assertEquals(1_600_000L, s.toClient().rateBitsPerSecond());
        assertEquals(0.01, s.toClient().loss(), 1e-12);
        LinkSpec wifi = new LinkFlags().set("profile", "lossy-wifi").set("queue", "20ms").build(1, 1500);
        assertEquals(3, wifi.toServer().lossBurst());
        assertEquals(QueueLimit.ofTime(20 * MS), wifi.toClient().queue(), "a queue may follow a profile's rate");
        for (Profile p : Profile.ALL) {
            assertEquals(p.name(), new LinkFlags().set("profile", p.name()).build(1, 1500).profile());
        }
    }

    @Test
    void theReportSaysWhatTheLinkDoes() {
        LinkSpec s = new LinkFlags().set("rtt", "100ms").set("blackhole", "5s/2s").set("rebind-port", "10s").build(3, 1400);
        Map<String, Object> d = s.describe();
        assertEquals(100.0, d.get("rtt_ms"));
        assertEquals("5s/2s", d.get("blackhole"));
        assertEquals(10.0, d.get("rebind_port_s"));
        assertNull(d.get("rebind_addr_s"));
        assertEquals(1400, d.get("mtu"));
        @SuppressWarnings("unchecked")
        Map<String, Object> up = (Map<String, Object>) d.get("to_server");
        assertEquals(50.0, up.get("delay_ms"));
    }

    @Test
    void badValuesSayWhatIsWrongInOneLine() {
        assertMessage("--rtt: invalid duration '40' (examples: 40ms, 1.5s, 250us)", () -> new LinkFlags().set("rtt", "40").build(1, 1500));
        assertMessage("--rate-up: invalid rate '10mbps' (examples: 10mbit, 512kbit, 1gbit)",
                () -> new LinkFlags().set("rate-up", "10mbps").build(1, 1500));
        assertMessage("--queue needs a rate (--rate, or a profile with one)", () -> new LinkFlags().set("queue", "50ms").build(1, 1500));
        assertMessage("--rtt and --delay both set the delay; give one (--rtt is twice --delay)",
                () -> new LinkFlags().set("rtt", "40ms").set("delay", "20ms").build(1, 1500));
        assertMessage("--loss must be below 100%", () -> new LinkFlags().set("loss", "100%").build(1, 1500));
        assertMessage("--loss: 150% is more than 100%", () -> new LinkFlags().set("loss", "150%").build(1, 1500));
        assertMessage("--blackhole: invalid schedule '5s' (UP/DARK, example: 5s/2s)", () -> new LinkFlags().set("blackhole", "5s").build(1, 1500));
        assertMessage("--reorder-gap needs --reorder", () -> new LinkFlags().set("reorder-gap", "5ms").build(1, 1500));
        assertMessage("--mtu: 100 is outside 576..9000", () -> new LinkFlags().build(1, 100));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinkFlags().set("profile", "5g").build(1, 1500))
                .getMessage().startsWith("--profile: unknown profile '5g' (known: lossy-wifi, 4g, 3g, satellite, transatlantic)"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
