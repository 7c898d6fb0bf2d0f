package dev.quiver.core.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.ClientBound;
import dev.quiver.core.report.Histograms;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.stats.LatencyRecorders;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link Thresholds#evaluate}: each kind of threshold passing and failing on a result with known figures. */
class ThresholdsTest {

    /** 1000 completed in 2 s: 990 at 10 ms and 10 at 100 ms; 5 failed (3 timed out, 2 reset); TLS 30 ms. */
    static RunResult known(ClientBound clientBound) {
        Histogram latency = LatencyRecorders.newHistogram();
        latency.recordValueWithCount(10_000, 990);
        latency.recordValueWithCount(100_000, 10);
        Histogram firstByte = LatencyRecorders.newHistogram();
        firstByte.recordValueWithCount(4_000, 1000);
        Histogram tls = LatencyRecorders.newHistogram();
        tls.recordValueWithCount(30_000, 4);
        Map<Metric, Histogram> h = new EnumMap<>(Metric.class);
        h.put(Metric.LATENCY, latency);
        h.put(Metric.FIRST_BYTE, firstByte);
        h.put(Metric.TLS_HANDSHAKE, tls);
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("timed_out", 3L);
        errors.put("reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)", 2L);
        return RunResult.builder().target("https://127.0.0.1:8443/").protocol(Protocol.HTTP_2).alpn("h2").engine("netty")
                .model(LoadModel.CLOSED).parameters(new RunResult.Parameters(4, 1, 1005, 0, 0, 30, "GET"))
                .window(new RunResult.Window(1_700_000_000_000_000L, 2_000_000, 1_000_000, StopReason.COUNT))
                .requests(1000, 5, 0, 0).histograms(Histograms.of(h)).errors(errors).clientBound(clientBound).build();
    }

    private static ThresholdResult judge(String threshold) {
        return Thresholds.evaluate(Thresholds.parse(List.of(threshold)), known(ClientBound.NONE)).results().get(0);
    }

    private static void passes(String threshold) {
        ThresholdResult r = judge(threshold);
        assertTrue(r.passed(), threshold + " should pass, figure " + r.actualText());
    }

    private static void fails(String threshold) {
        ThresholdResult r = judge(threshold);
        assertFalse(r.passed(), threshold + " should fail, figure " + r.actualText());
    }

    @Test
    void percentilesOfLatencyFirstByteAndPhases() {
        passes("p99<11ms");
        fails("p99<10ms");
        passes("p99.9>=99ms");
        fails("p99.9<99ms");
        fails("max<=99ms");
        passes("max<101ms");
        passes("mean<11ms");
        fails("mean<10.5ms");
        passes("first_byte.p99<5ms");
        fails("first_byte.p50<3ms");
        passes("tls_handshake.p99<31ms");
        fails("tls_handshake.p99<29ms");
    }

    @Test
    void aFigureTheRunDoesNotHaveFailsAndSaysWhy() {
        ThresholdResult r = judge("quic_handshake.p99<1s");
        assertFalse(r.passed());
        assertTrue(Double.isNaN(r.actual()));
        assertEquals("none (no quic_handshake in this run)", r.actualText());
    }

    @Test
    void rpsAndRates() {
        passes("rps>499");
        fails("rps>=501");
        assertEquals(500, judge("rps>1").actual(), 1e-9);
        passes("error_rate<0.5%");
        fails("error_rate<0.4%");
        assertEquals(5.0 / 1005, judge("error_rate<1%").actual(), 1e-12);
        passes("success_rate>99.5%");
        fails("success_rate>=99.6%");
    }

    @Test
    void errorCountsInAllByCategoryAndByKind() {
        passes("errors<=5");
        fails("errors<5");
        passes("errors{timed_out}<4");
        fails("errors{timed_out}<3");
        passes("errors{reset_by_peer}<=2");
        fails("errors{reset_by_peer}<2");
        fails("errors{reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)}<1");
        passes("errors{connect}<1");
        assertEquals(0, judge("errors{reset}<1").actual(), "a kind matches whole, not as a prefix of a word");
    }

    @Test
    void clientBound() {
        ClientBound saturated = new ClientBound("process CPU of 2 cores", 2, 1, 10, 19, 0.95, 0.1, 9);
        ClientBound idle = new ClientBound("process CPU of 2 cores", 2, 1, 10, 2, 0.2, 0.01, 0);
        List<Threshold> t = Thresholds.parse(List.of("client_bound==false"));
        assertFalse(Thresholds.evaluate(t, known(saturated)).passed());
        assertTrue(Thresholds.evaluate(t, known(idle)).passed());
        assertEquals("true", Thresholds.evaluate(t, known(saturated)).results().get(0).actualText());
    }

    @Test
    void resultsKeepTheOrderGivenAndSayWhichFailed() {
        ThresholdResults r = Thresholds.evaluate(Thresholds.parse(List.of("p99<11ms", "errors<1", "rps>1")), known(ClientBound.NONE));
        assertEquals(List.of("p99<11ms", "errors<1", "rps>1"), r.results().stream().map(x -> x.threshold().text()).toList());
        assertFalse(r.passed());
        assertEquals(List.of("errors<1"), r.failed().stream().map(x -> x.threshold().text()).toList());
        assertTrue(Thresholds.evaluate(List.of(), known(ClientBound.NONE)).passed(), "no thresholds, nothing failed");
    }

    @Test
    void aMergedResultIsJudgedOnAllItsRequests() {
        RunResult one = known(ClientBound.NONE);
        ThresholdResults r = Thresholds.evaluate(Thresholds.parse(List.of("errors<10", "errors<=10")), RunResult.merge(one, one));
        assertFalse(r.results().get(0).passed());
        assertTrue(r.results().get(1).passed());
    }
}
