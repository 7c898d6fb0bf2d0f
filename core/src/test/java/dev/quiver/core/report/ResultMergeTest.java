package dev.quiver.core.report;

import static dev.quiver.core.report.TestRuns.SECOND;
import static dev.quiver.core.report.TestRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.TransportSample.Kind;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.stats.ErrorCategories;
import dev.quiver.core.stats.LatencyRecorders;
import dev.quiver.core.stats.TransportCounts;
import dev.quiver.core.stream.StreamState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link RunResult#merge}: exact, whatever the results ran side by side or one after another. */
class ResultMergeTest {

    private static final long T0 = 1_700_000_000_000_000L;
    private static final double[] QUANTILES = {0, 50, 90, 99, 99.9, 99.99, 100};

    private static void assertSamePercentiles(Histogram expected, Histogram actual) {
        for (double q : QUANTILES) {
            assertEquals(Units.percentileMillis(expected, q), Units.percentileMillis(actual, q), "p" + q);
        }
    }

    @Test
    void mergingAResultWithItselfDoublesCountsAndLeavesPercentilesAlone() {
        RunResult r = run(T0, 5, 2_000, 1, null);
        RunResult m = RunResult.merge(r, r);
        assertEquals(2 * r.requests().ok(), m.requests().ok());
        assertEquals(2 * r.requests().total(), m.requests().total());
        assertEquals(2 * r.requests().failed(), m.requests().failed());
        assertEquals(2 * r.streams().opened(), m.streams().opened());
        assertEquals(2 * r.streams().terminal(StreamState.COMPLETED), m.streams().terminal(StreamState.COMPLETED));
        assertTrue(m.streams().balanced());
        assertEquals(Map.of("200", 2 * r.requests().ok()), m.status());
        assertEquals(2 * r.bytes().received(), m.bytes().received());
        assertEquals(2 * r.connections().opened(), m.connections().opened());
        assertEquals(2 * r.connections().creditWaitMillis(), m.connections().creditWaitMillis());
        for (Metric metric : Metric.values()) {
            Histogram one = r.histograms().get(metric);
            Histogram two = m.histograms().get(metric);
            assertEquals(2 * one.getTotalCount(), two.getTotalCount(), metric.key());
            assertSamePercentiles(one, two);
        }
        assertEquals(r.window(), m.window(), "the same window, once");
        assertEquals(2 * r.rps(), m.rps(), 1e-9);
        assertEquals(r.intervals().size(), m.intervals().size(), "side by side: the same slots");
        for (int i = 0; i < r.intervals().size(); i++) {
            Interval one = r.intervals().get(i);
            Interval two = m.intervals().get(i);
            assertEquals(2 * one.completed(), two.completed());
            assertEquals(2 * one.failed(), two.failed());
            assertEquals(2 * one.live(), two.live());
            assertEquals(one.p50Millis(), two.p50Millis());
            assertEquals(one.p99Millis(), two.p99Millis());
            assertEquals(one.startMicros(), two.startMicros());
        }
    }

    @Test
    void mergingTwoRunsEqualsOneHistogramHoldingAllTheirSamples() {
        Histogram all = LatencyRecorders.newHistogram();
        RunResult a = run(T0, 4, 3_000, 2, all);
        RunResult b = run(T0 + 20_000, 6, 500, 3, all);
        RunResult m = RunResult.merge(List.of(a, b));
        assertEquals(all, m.histograms().latency(), "the merged histogram is the histogram of every sample");
        assertSamePercentiles(all, m.histograms().latency());
        assertEquals(a.requests().ok() + b.requests().ok(), m.requests().ok());
        // the intervals, added, give the totals again
        Histogram fromIntervals = LatencyRecorders.newHistogram();
        for (Interval i : m.intervals()) {
            fromIntervals.add(i.histograms().get(Metric.LATENCY).decode());
        }
        assertEquals(all, fromIntervals);
    }

    @Test
    void resultsSideBySideShareTheirIntervals() {
        RunResult a = run(T0, 5, 1_000, 4, null);
        RunResult b = run(T0 + 40_000, 3, 2_000, 5, null); // started 40 ms later, ended earlier
        RunResult m = RunResult.merge(a, b);
        assertEquals(5, m.intervals().size());
        for (int s = 0; s < 5; s++) {
            Interval i = m.intervals().get(s);
            long expected = 1_000 + (s < 3 ? 2_000 : 0);
            assertEquals(expected, i.completed(), "slot " + s);
            assertEquals(T0 + s * SECOND, i.startMicros(), "slot " + s + " starts with its earliest part");
            assertEquals(expected, i.histograms().get(Metric.LATENCY).decode().getTotalCount());
            if (s < 3) {
                Histogram both = a.intervals().get(s).histograms().get(Metric.LATENCY).decode();
                both.add(b.intervals().get(s).histograms().get(Metric.LATENCY).decode());
                assertEquals(Units.millis(both.getValueAtPercentile(99)), i.p99Millis(), "p99 of the added histograms");
            } else {
                assertSame(a.intervals().get(s), i, "a slot with one part keeps it");
            }
        }
        assertEquals(5 * SECOND, m.window().durationMicros(), "the union of the two windows");
        assertEquals(T0, m.window().startMicros());
        assertEquals((a.requests().ok() + b.requests().ok()) / 5.0, m.rps(), 1e-9);
    }

    @Test
    void resultsOneAfterAnotherFollowEachOther() {
        RunResult a = run(T0, 3, 1_000, 6, null);
        RunResult b = run(T0 + 5_500_000, 2, 1_000, 7, null); // 2.5 s after a ended (other variants ran)
        RunResult m = RunResult.merge(List.of(b, a)); // order of the list does not matter
        assertEquals(5, m.intervals().size());
        for (int i = 0; i < 3; i++) {
            assertSame(a.intervals().get(i), m.intervals().get(i));
        }
        for (int i = 0; i < 2; i++) {
            assertSame(b.intervals().get(i), m.intervals().get(3 + i));
        }
        assertEquals(T0, m.window().startMicros());
        assertEquals(5 * SECOND, m.window().durationMicros(), "durations add up; the gap between them does not count");
        List<IntervalSample> samples = m.samples();
        assertEquals(1.0, samples.get(0).elapsedSeconds(), 1e-9);
        assertEquals(7.5, samples.get(4).elapsedSeconds(), 1e-9, "wall-clock time from the first start");
    }

    @Test
    void backToBackRunsKeepTheirOwnIntervals() {
        RunResult run = run(T0, 3, 1_000, 16, null);
        List<Interval> withTail = new java.util.ArrayList<>(run.intervals());
        // the last sample, taken as the run closed, 50 ms after the end of its load
        withTail.add(Interval.of(T0 + 3 * SECOND, 50_000, 0, 0, Map.of()));
        RunResult a = copy(run).intervals(withTail).build();
        RunResult b = run(T0 + 3 * SECOND + 100_000, 2, 1_000, 17, null); // the next round, 100 ms later
        RunResult m = RunResult.merge(a, b);
        assertEquals(6, m.intervals().size(), "no interval of one is added into the other's");
        assertSame(withTail.get(3), m.intervals().get(3));
        assertSame(b.intervals().get(0), m.intervals().get(4));
    }

    private static TransportStats transport(TransportSample... samples) {
        TransportCounts counts = new TransportCounts();
        for (TransportSample s : samples) {
            counts.record(s);
        }
        return counts.summary();
    }

    @Test
    void transportFiguresMergeExactly() {
        TransportSample[] first = {new TransportSample(Kind.QUIC, 1_000, 4, 3, 3_000, 20_000, 14_000),
            new TransportSample(Kind.QUIC, 800, 0, 0, 0, 60_000, 30_000)};
        TransportSample[] second = {new TransportSample(Kind.QUIC, 500, 2, 1, 1_200, 40_000, 20_000)};
        RunResult a = copy(run(T0, 2, 100, 18, null)).transport(transport(first)).build();
        RunResult b = copy(run(T0 + 3 * SECOND, 2, 100, 19, null)).transport(transport(second)).build();
        TransportStats m = RunResult.merge(a, b).transport();
        TransportStats all = transport(first[0], first[1], second[0]);
        assertEquals(all.kind(), m.kind());
        assertEquals(3, m.connections());
        assertEquals(2_300L, m.packetsSent());
        assertEquals(6L, m.packetsLost());
        assertEquals(4L, m.retransmits());
        assertEquals(4_200L, m.retransmittedBytes());
        assertEquals(all.srttMicros(), m.srttMicros(), "the histogram of every connection's RTT");
        assertEquals(all.cwndBytes(), m.cwndBytes());
        assertEquals(40_000, m.srttMicros().getValueAtPercentile(50), 40);
        assertEquals(2, a.transport().srttMicros().getTotalCount(), "merging left its inputs alone");
    }

    @Test
    void aResultWithoutTransportFiguresAddsNone() {
        RunResult with = copy(run(T0, 1, 10, 20, null)).transport(transport(TransportSample.tcp(5, 300, 14_480))).build();
        RunResult without = run(T0 + 2 * SECOND, 1, 10, 21, null);
        TransportStats m = RunResult.merge(with, without).transport();
        assertEquals(Kind.TCP, m.kind());
        assertEquals(1, m.connections());
        assertEquals(5L, m.retransmits());
        assertNull(m.packetsSent(), "unknown on both sides stays unknown");
        assertNull(RunResult.merge(without, without).transport().retransmits());
    }

    @Test
    void stopReasonOfTheWhole() {
        RunResult count = run(T0, 1, 10, 8, null);
        RunResult interrupted = with(run(T0 + 2 * SECOND, 1, 10, 9, null), StopReason.INTERRUPTED);
        RunResult duration = with(run(T0 + 4 * SECOND, 1, 10, 10, null), StopReason.DURATION);
        assertEquals(StopReason.INTERRUPTED, RunResult.merge(count, interrupted, duration).stopReason());
        assertEquals(StopReason.DURATION, RunResult.merge(count, duration).stopReason());
        assertEquals(StopReason.COUNT, RunResult.merge(count, count).stopReason());
    }

    @Test
    void errorCategoriesStayUnderTheSameBound() {
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> second = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            first.put("a" + i, 100L + i);
            second.put("b" + i, 10L + i);
        }
        first.put(ErrorCategories.OTHER, 7L);
        RunResult a = errors(run(T0, 1, 10, 11, null), first);
        RunResult b = errors(run(T0, 1, 10, 12, null), second);
        Map<String, Long> merged = RunResult.merge(a, b).errors();
        assertEquals(ErrorCategories.DEFAULT_LIMIT + 1, merged.size(), merged.toString());
        long total = first.values().stream().mapToLong(Long::longValue).sum() + second.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(total, merged.values().stream().mapToLong(Long::longValue).sum(), "nothing lost");
        for (int i = 0; i < 30; i++) {
            assertEquals(100L + i, merged.get("a" + i), "the most frequent keep their names");
        }
        assertEquals(39L, merged.get("b29"));
        assertEquals(38L, merged.get("b28"));
        // the 28 least frequent of b, and the other of a
        long rest = 7;
        for (int i = 0; i < 28; i++) {
            rest += 10 + i;
        }
        assertEquals(rest, merged.get(ErrorCategories.OTHER));
        assertEquals(List.copyOf(merged.keySet()).get(merged.size() - 1), ErrorCategories.OTHER, "other comes last");
        assertEquals("a29", merged.keySet().iterator().next(), "most frequent first");
    }

    @Test
    void refusesResultsOfDifferentTargetsProtocolsOrModels() {
        RunResult r = run(T0, 1, 10, 13, null);
        RunResult otherProtocol = copy(r).protocol(Protocol.HTTP_3).build();
        RunResult otherTarget = copy(r).target("https://example.test/").build();
        RunResult otherModel = copy(r).model(LoadModel.OPEN).build();
        for (RunResult o : List.of(otherProtocol, otherTarget, otherModel)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunResult.merge(r, o));
            assertTrue(e.getMessage().startsWith("cannot merge results of different "), e.getMessage());
        }
    }

    @Test
    void theSplitLoadOfShardsAddsUp() {
        RunResult a = run(T0, 2, 10, 14, null);
        RunResult b = copy(run(T0, 2, 10, 15, null)).parameters(new RunResult.Parameters(2, 8, 25, 0, 0, 30, "GET"))
                .engine("kwik").build();
        RunResult m = RunResult.merge(a, b);
        assertEquals(6, m.parameters().connections());
        assertEquals(a.parameters().requests() + 25, m.parameters().requests());
        assertEquals("netty+kwik", m.engine());
        assertEquals(a.parameters(), RunResult.merge(a, a).parameters(), "equal workloads stay as they are");
    }

    private static RunResult with(RunResult r, StopReason stop) {
        var w = r.window();
        return copy(r).window(new RunResult.Window(w.startMicros(), w.durationMicros(), w.intervalMicros(), stop)).build();
    }

    private static RunResult errors(RunResult r, Map<String, Long> errors) {
        return copy(r).errors(errors).build();
    }

    static RunResultBuilder copy(RunResult r) {
        return RunResult.builder().target(r.target()).protocol(r.protocol()).alpn(r.alpn()).engine(r.engine()).model(r.model())
                .parameters(r.parameters()).window(r.window()).requests(r.requests()).histograms(r.histograms())
                .status(r.status()).errors(r.errors()).streams(r.streams()).connections(r.connections())
                .bytes(r.bytes().received(), r.bytes().sent()).transport(r.transport()).intervals(r.intervals());
    }
}
