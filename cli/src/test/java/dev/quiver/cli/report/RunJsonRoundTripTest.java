package dev.quiver.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.cli.report.html.RunHtmlReport;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.TransportStats;
import dev.quiver.core.report.Units;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.Workload;
import dev.quiver.core.stream.StreamState;
import dev.quiver.server.ReferenceServers;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.tcp.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real runs against the embedded servers, written as JSON and read back: what comes back is the
 * same result (same JSON, same histograms), and merges exactly.
 */
@Timeout(120)
class RunJsonRoundTripTest {

    private static final double[] QUANTILES = {0, 50, 90, 99, 99.9, 100};

    private static ReferenceServers servers;
    private static RunResult h2First;
    private static RunResult h2Second;
    private static RunResult h3;
    private static RunResult h3Kwik;

    @BeforeAll
    static void runAgainstTheEmbeddedServers() throws Exception {
        servers = ReferenceServers.start(ServerConfig.builder().tlsPort(0).plainPort(0).build(), Http3ServerConfig.builder(), true);
        h2First = run(Protocol.HTTP_2, null, 3_000, Duration.ZERO);
        h2Second = run(Protocol.HTTP_2, null, 2_000, Duration.ofMillis(300));
        h3 = run(Protocol.HTTP_3, null, 1_000, Duration.ZERO);
        h3Kwik = run(Protocol.HTTP_3, "kwik", 300, Duration.ZERO);
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    private static RunResult run(Protocol p, String engine, long requests, Duration warmup) throws Exception {
        Target target = Target.parse("https://127.0.0.1:" + servers.tlsPort() + "/");
        RunSpec spec = new RunSpec(target, p, true, RequestTemplate.get(),
                new Workload(2, 4, requests, null, 0, Duration.ofSeconds(10), warmup), Duration.ofSeconds(5), 0, Duration.ofSeconds(1));
        RunResult r = new Scheduler(spec, Engines.find(p, engine).orElseThrow(), null).run();
        assertEquals(requests, r.requests().ok(), "the run itself: " + r.errors());
        return r;
    }

    private static RunResult roundTrip(RunResult r) {
        return RunJsonReader.read(JsonReport.render(r));
    }

    private static void assertSamePercentiles(Histogram expected, Histogram actual, String what) {
        for (double q : QUANTILES) {
            assertEquals(Units.percentileMillis(expected, q), Units.percentileMillis(actual, q), what + " p" + q);
        }
    }

    @Test
    void whatIsReadBackIsWhatWasWritten() {
        for (RunResult r : List.of(h2First, h2Second, h3, h3Kwik)) {
            RunResult back = roundTrip(r);
            assertEquals(r.warmup(), back.warmup());
            assertEquals(r.clientBound().saturated(), back.clientBound().saturated());
            assertEquals(r.clientBound().loops(), back.clientBound().loops());
            assertEquals(JsonReport.render(r), JsonReport.render(back), "the same report, key by key");
            assertEquals(TextReport.render(r), TextReport.render(back), "the same text report");
            for (Metric m : Metric.values()) {
                assertEquals(r.histograms().get(m), back.histograms().get(m), m.key());
            }
            assertEquals(r.intervals(), back.intervals());
            assertEquals(r.requests(), back.requests());
            assertEquals(r.streams(), back.streams());
            assertEquals(r.connections().facts(), back.connections().facts());
            assertEquals(r.window(), back.window());
            assertEquals(r.transport(), back.transport(), "transport figures and their histograms");
        }
        assertEquals(Protocol.HTTP_3, roundTrip(h3).protocol());
        assertEquals(Workload.DEFAULT_MAX_CONNECTING, roundTrip(h3).parameters().maxConnecting());
        assertTrue(h2Second.warmup().ran() && h2Second.warmup().requests() > 0, "300 ms of warm-up: " + h2Second.warmup());
        assertFalse(h2First.warmup().ran());
        assertTrue(h2First.clientBound().sampledSeconds() > 0, "quiver measured itself: " + h2First.clientBound());
        assertTrue(h2First.clientBound().loops() > 0, "the h2 engine's event loops were measured");
        assertTrue(h3.histograms().quicHandshake().getTotalCount() > 0);
    }

    @Test
    void mergingADecodedRunWithItselfDoublesCountsAndKeepsPercentiles() {
        RunResult back = roundTrip(h2First);
        RunResult twice = RunResult.merge(back, back);
        assertEquals(2 * h2First.requests().ok(), twice.requests().ok());
        assertEquals(2 * h2First.streams().terminal(StreamState.COMPLETED), twice.streams().terminal(StreamState.COMPLETED));
        assertEquals(2 * h2First.connections().opened(), twice.connections().opened());
        for (Metric m : Metric.values()) {
            assertEquals(2 * h2First.histograms().get(m).getTotalCount(), twice.histograms().get(m).getTotalCount(), m.key());
            assertSamePercentiles(h2First.histograms().get(m), twice.histograms().get(m), m.key());
        }
        assertTrue(twice.streams().balanced());
    }

    @Test
    void mergingTwoDecodedRunsEqualsOneHistogramOfBoth() {
        RunResult merged = RunResult.merge(roundTrip(h2First), roundTrip(h2Second));
        Histogram both = h2First.histograms().latency().copy();
        both.add(h2Second.histograms().latency());
        assertEquals(both, merged.histograms().latency());
        assertSamePercentiles(both, merged.histograms().latency(), "latency");
        assertEquals(JsonReport.render(RunResult.merge(h2First, h2Second)), JsonReport.render(merged),
                "merging what was read is merging what was run");
        assertEquals(h2First.intervals().size() + h2Second.intervals().size(), merged.intervals().size(),
                "runs one after another keep their intervals, in time order");
        assertEquals(h2First.durationSeconds() + h2Second.durationSeconds(), merged.durationSeconds(), 1e-6);
        assertEquals(h2Second.warmup(), merged.warmup(), "only the second run warmed up");
        assertEquals(h2First.clientBound().sampledSeconds() + h2Second.clientBound().sampledSeconds(),
                merged.clientBound().sampledSeconds(), 2e-3);
    }

    @Test
    void refusesATruncatedOrCorruptReportNamingWhatIsWrong() throws Exception {
        String json = JsonReport.render(h2First);
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> RunJsonReader.read(json.substring(0, json.length() / 2)));
        assertTrue(truncated.getMessage().startsWith("not JSON"), truncated.getMessage());

        ObjectMapper mapper = new ObjectMapper();
        ObjectNode noOk = (ObjectNode) mapper.readTree(json);
        ((ObjectNode) noOk.get("requests")).remove("ok");
        assertEquals("missing key requests.ok",
                assertThrows(IllegalArgumentException.class, () -> RunJsonReader.read(noOk.toString())).getMessage());

        ObjectNode corrupt = (ObjectNode) mapper.readTree(json);
        String latency = corrupt.at("/histograms/latency_us").asText();
        ((ObjectNode) corrupt.get("histograms")).put("latency_us", latency.substring(0, latency.length() - 12));
        String message = assertThrows(IllegalArgumentException.class, () -> RunJsonReader.read(corrupt.toString())).getMessage();
        assertTrue(message.startsWith("histograms.latency_us: "), message);

        ObjectNode badInterval = (ObjectNode) mapper.readTree(json);
        ((ObjectNode) badInterval.get("intervals").get(0)).put("completed", 1_000_000);
        message = assertThrows(IllegalArgumentException.class, () -> RunJsonReader.read(badInterval.toString())).getMessage();
        assertEquals("intervals[0].completed does not match its latency histogram", message);
    }

    @Test
    void tcpConnectionsReportTheirTcpInfo() throws Exception {
        TransportStats t = h2First.transport();
        assertEquals(TransportSample.Kind.TCP, t.kind());
        assertEquals(h2First.connections().opened(), t.connections(), "every connection, read as quiver closed it at the end");
        assertNotNull(t.retransmits(), "TCP_INFO's retransmitted segments");
        assertNull(t.packetsSent(), "not in TCP_INFO as Netty reads it: unknown, not 0");
        assertEquals(t.connections(), t.srttMicros().getTotalCount());
        assertTrue(t.srttMicros().getMinValue() > 0, "the kernel's smoothed RTT, in microseconds");
        assertTrue(t.cwndBytes().getMinValue() > 0);
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(h2First)).get("transport");
        assertEquals("tcp", json.get("kind").asText());
        assertTrue(json.get("retransmits").isIntegralNumber(), json.toString());
        assertTrue(json.get("packets_sent").isNull(), json.toString());
        assertTrue(json.at("/srtt_ms/p50").asDouble() > 0, json.toString());
        assertTrue(json.at("/cwnd_bytes/p99").asLong() > 0, json.toString());
        assertTrue(TextReport.render(h2First).contains("Transport (TCP, from TCP_INFO, " + t.connections() + " connections):\n  retransmitted segments "),
                TextReport.render(h2First));
    }

    @Test
    void quicConnectionsReportTheStacksCountersOnBothEngines() throws Exception {
        for (RunResult r : List.of(h3, h3Kwik)) {
            TransportStats t = r.transport();
            String engine = r.engine();
            assertEquals(TransportSample.Kind.QUIC, t.kind(), engine);
            assertEquals(r.connections().opened(), t.connections(), engine + ": every connection, also one the peer closed");
            assertTrue(t.packetsSent() > r.requests().ok() / 4, engine + ": packets sent " + t.packetsSent());
            assertNotNull(t.packetsLost(), engine);
            assertTrue(t.srttMicros().getTotalCount() > 0, engine + ": the connections' smoothed RTT");
            assertTrue(t.cwndBytes().getTotalCount() > 0, engine + ": the connections' congestion windows");
            assertTrue(t.cwndBytes().getMinValue() > 1_000, engine + ": a congestion window of bytes");
            JsonNode json = new ObjectMapper().readTree(JsonReport.render(r)).get("transport");
            assertEquals("quic", json.get("kind").asText());
            assertTrue(json.get("packets_sent").asLong() > 0, json.toString());
            assertTrue(json.get("packets_lost").isIntegralNumber(), json.toString());
        }
        // quiche measures RTT in nanoseconds; Kwik in whole milliseconds, which on loopback is often 0
        assertTrue(h3.transport().srttMicros().getMinValue() > 0, "quiche's smoothed RTT");
        assertNotNull(h3.transport().retransmittedBytes(), "quiche counts retransmitted stream bytes");
        assertNull(h3Kwik.transport().retransmits(), "Kwik does not count retransmissions: unknown, not 0");
        assertNull(h3Kwik.transport().retransmittedBytes());
        assertTrue(TextReport.render(h3Kwik).contains("not offered by this engine's stack: retransmits, retransmitted bytes"),
                TextReport.render(h3Kwik));
    }

    @Test
    void mergedTransportFiguresAreTheSumOfBoth() {
        TransportStats a = h2First.transport();
        TransportStats b = h2Second.transport();
        TransportStats m = RunResult.merge(roundTrip(h2First), roundTrip(h2Second)).transport();
        assertEquals(a.connections() + b.connections(), m.connections());
        assertEquals(a.retransmits() + b.retransmits(), m.retransmits());
        assertEquals(a.srttMicros().getTotalCount() + b.srttMicros().getTotalCount(), m.srttMicros().getTotalCount());
    }

    /**
     * Packets sent per request tell a stack that sends each request in a packet of its own (the
     * server decrypts and acknowledges one per request) from one that packs them; the figure is
     * only given when every connection's transport reported, or it would be too low.
     */
    @Test
    void packetsSentPerRequestAreShownWhenEveryConnectionReported() throws Exception {
        for (RunResult r : List.of(h3, h3Kwik)) {
            TransportStats t = r.transport();
            String perRequest = String.format(Locale.ROOT, "%.2f", (double) t.packetsSent() / r.streams().opened());
            assertTrue(TextReport.render(r).contains("packets sent " + t.packetsSent() + " (" + perRequest + " per request)"),
                    TextReport.render(r));
            assertTrue(RunHtmlReport.render(r).contains("<tr data-row=\"transport_packets_per_request\"><td>packets sent per request</td>"
                    + "<td data-value=\"" + Units.round3((double) t.packetsSent() / r.streams().opened()) + "\">" + perRequest + "</td></tr>"), r.engine());
        }
        ObjectNode partial = (ObjectNode) new ObjectMapper().readTree(JsonReport.render(h3));
        ((ObjectNode) partial.get("transport")).put("connections", h3.connections().opened() - 1);
        RunResult someUnread = RunJsonReader.read(partial.toString());
        assertTrue(TextReport.render(someUnread).contains("packets sent " + h3.transport().packetsSent() + ", lost"),
                TextReport.render(someUnread));
        assertFalse(TextReport.render(h2First).contains("per request)"), "TCP counts no packets");
    }

    @Test
    void aReportWithoutTransportIsReadAsNoneAndABadOneIsRefused() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode old = (ObjectNode) mapper.readTree(JsonReport.render(h2First));
        old.remove("transport");
        RunResult back = RunJsonReader.read(old.toString());
        assertEquals(0, back.transport().connections(), "a report of an older quiver has no transport figures");
        assertNull(back.transport().retransmits());

        ObjectNode bad = (ObjectNode) mapper.readTree(JsonReport.render(h2First));
        ((ObjectNode) bad.get("transport")).put("retransmits", -3);
        assertEquals("transport.retransmits must be a count or null",
                assertThrows(IllegalArgumentException.class, () -> RunJsonReader.read(bad.toString())).getMessage());
        ObjectNode noKey = (ObjectNode) mapper.readTree(JsonReport.render(h2First));
        ((ObjectNode) noKey.get("transport")).remove("packets_sent");
        assertEquals("missing key transport.packets_sent",
                assertThrows(IllegalArgumentException.class, () -> RunJsonReader.read(noKey.toString())).getMessage());
    }

    @Test
    void runPageIsSelfContainedAndAgreesWithTheJson() throws Exception {
        String page = RunHtmlReport.render(h2First);
        for (String fetch : List.of("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import")) {
            assertFalse(page.contains(fetch), "the page must be self-contained, found " + fetch);
        }
        for (String chart : List.of("chart-percentiles", "chart-throughput", "chart-p99", "chart-streams")) {
            assertTrue(page.contains("id=\"" + chart + "\""), chart);
        }
        var json = new ObjectMapper().readTree(JsonReport.render(h2First));
        assertTrue(page.contains("<tr data-row=\"latency_p99_ms\"><td>latency p99</td><td data-value=\""
                + json.at("/latency_ms/p99").asDouble() + "\">"), "p99 as in the JSON");
        assertTrue(page.contains("<tr data-row=\"rps\"><td>req/s</td><td data-value=\"" + json.at("/rps").asDouble() + "\">"));
        assertTrue(page.contains("every stream reached exactly one terminal state"));
        assertTrue(page.contains("<table id=\"transport\">"), "the Transport block");
        assertTrue(page.contains("<tr data-row=\"transport_srtt_p50_ms\"><td>smoothed RTT p50</td><td data-value=\""
                + json.at("/transport/srtt_ms/p50").asDouble() + "\">"), "srtt p50 as in the JSON");
        assertTrue(page.contains("<tr data-row=\"transport_packets_sent\"><td>packets sent</td><td data-value=\"\">not offered"),
                "TCP has no packet count");
    }
}
