package dev.quiver.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropCases;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interop runner's result.json shape, as its interop.py writes it and its web page reads it. */
class RunnerJsonTest {

    private static final InteropCase HANDSHAKE = InteropCases.parse("handshake");
    private static final InteropCase RETRY = InteropCases.parse("retry");
    private static final InteropCase ZERORTT = InteropCases.parse("zerortt");

    @Test
    void theRunnersKeysWithClientsOutsideAndOneServer() throws Exception {
        InteropMatrix m = new InteropMatrix("https://localhost:8443/", List.of(HANDSHAKE, RETRY, ZERORTT),
                List.of("netty", "kwik"), List.of(
                        new CaseResult(HANDSHAKE, "netty", Verdict.PASS, "v1", 10),
                        new CaseResult(HANDSHAKE, "kwik", Verdict.FAIL, "timed out", 10),
                        new CaseResult(RETRY, "netty", Verdict.NOT_SHOWN, "no Retry", 10),
                        new CaseResult(RETRY, "kwik", Verdict.PASS, "1 Retry", 10),
                        new CaseResult(ZERORTT, "netty", Verdict.UNSUPPORTED, "cannot", 0)));
        String out = RunnerJson.render(m, Instant.ofEpochMilli(1_700_000_000_250L), Instant.ofEpochMilli(1_700_000_010_500L),
                null, Map.of("netty", "https://n.example", "kwik", "https://k.example"));
        JsonNode j = new ObjectMapper().readTree(out);
        assertEquals(List.of("start_time", "end_time", "log_dir", "servers", "clients", "urls", "tests", "quic_version",
                "results", "measurements"), names(j));
        assertEquals(1_700_000_000.25, j.get("start_time").asDouble(), 1e-6);
        assertEquals(1_700_000_010.5, j.get("end_time").asDouble(), 1e-6);
        assertEquals("localhost:8443", j.at("/servers/0").asText());
        assertEquals("quiver-netty", j.at("/clients/0").asText());
        assertEquals("quiver-kwik", j.at("/clients/1").asText());
        assertEquals("https://k.example", j.at("/urls/quiver-kwik").asText());
        assertEquals("https://localhost:8443/", j.at("/urls/localhost:8443").asText());
        assertEquals("handshake", j.at("/tests/H/name").asText());
        assertEquals("zerortt", j.at("/tests/Z/name").asText());
        assertTrue(j.at("/tests/S/desc").asText().contains("Retry"));
        assertEquals("0x1", j.get("quic_version").asText());
        // One row per client (the one server inside), one entry per test in order.
        JsonNode netty = j.at("/results/0");
        JsonNode kwik = j.at("/results/1");
        assertEquals("H", netty.at("/0/abbr").asText());
        assertEquals("succeeded", netty.at("/0/result").asText());
        assertEquals("unsupported", netty.at("/1/result").asText(), "not shown is never a success nor a failure");
        assertEquals("unsupported", netty.at("/2/result").asText());
        assertEquals("failed", kwik.at("/0/result").asText());
        assertEquals("succeeded", kwik.at("/1/result").asText());
        assertTrue(kwik.at("/2/result").isNull(), "a cell that did not run has no result");
        assertEquals(2, j.get("measurements").size());
        assertEquals(0, j.at("/measurements/0").size());
    }

    @Test
    void aMeasurementGoesToMeasurementsWithItsValueAsDetails() throws Exception {
        InteropCase goodput = InteropCases.parse("goodput");
        InteropMatrix m = new InteropMatrix("https://198.19.0.1/", List.of(HANDSHAKE, goodput), List.of("netty", "kwik"), List.of(
                new CaseResult(HANDSHAKE, "netty", Verdict.PASS, "v1", 10),
                new CaseResult(goodput, "netty", Verdict.PASS, "goodput 9412 kbit/s", 9000,
                        new dev.quiver.core.interop.Measurement("goodput", 9412, "kbps")),
                new CaseResult(HANDSHAKE, "kwik", Verdict.PASS, "v1", 10)));
        JsonNode j = new ObjectMapper().readTree(RunnerJson.render(m, Instant.EPOCH, Instant.EPOCH, null, Map.of()));
        assertEquals("goodput", j.at("/tests/G/name").asText());
        assertEquals(1, j.at("/results/0").size(), "a measurement is no test result");
        assertEquals("G", j.at("/measurements/0/0/abbr").asText());
        assertEquals("succeeded", j.at("/measurements/0/0/result").asText());
        assertEquals("9412 kbps", j.at("/measurements/0/0/details").asText());
        assertEquals(0, j.at("/measurements/1").size(), "a measurement that did not run is left out");
    }

    private static List<String> names(JsonNode j) {
        List<String> out = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
