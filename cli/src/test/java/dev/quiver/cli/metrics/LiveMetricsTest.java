package dev.quiver.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.Metric;
import dev.quiver.core.stats.LatencyRecorders;
import dev.quiver.core.stats.LiveSample;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The page's figures from the reporter thread's samples: buckets added up, counters that never go back, labels escaped. */
class LiveMetricsTest {

    static LiveSample sample(long ok, long creditWaitNanos, Histogram latency, Map<String, Long> errors) {
        Map<StreamState, Long> terminal = new EnumMap<>(StreamState.class);
        terminal.put(StreamState.COMPLETED, ok);
        Map<Metric, Histogram> interval = new EnumMap<>(Metric.class);
        interval.put(Metric.LATENCY, latency);
        return new LiveSample(2_000_000_000L, ok, 1, 0, 0, 3, errors, new TrackerCounts(ok + 1, terminal, 2, 0, 0, 2, 2),
                2, 0, 0, 0, creditWaitNanos, interval, false);
    }

    static Histogram latencies(long... micros) {
        Histogram h = LatencyRecorders.newHistogram();
        for (long m : micros) {
            h.recordValue(m);
        }
        return h;
    }

    private static String line(String page, String prefix) {
        return page.lines().filter(l -> l.startsWith(prefix + " ")).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + page));
    }

    @Test
    void bucketsAddUpOverIntervalsAndAreCumulative() {
        LiveMetrics m = new LiveMetrics("http://127.0.0.1:8080/");
        m.accept(sample(3, 0, latencies(800, 3_000, 20_000), Map.of()));
        m.accept(sample(5, 0, latencies(900, 7_000_000), Map.of()));
        String page = m.page();
        assertEquals("quiver_request_duration_seconds_bucket{le=\"0.001\"} 2", line(page, "quiver_request_duration_seconds_bucket{le=\"0.001\"}"));
        assertEquals("quiver_request_duration_seconds_bucket{le=\"0.005\"} 3", line(page, "quiver_request_duration_seconds_bucket{le=\"0.005\"}"));
        assertEquals("quiver_request_duration_seconds_bucket{le=\"0.025\"} 4", line(page, "quiver_request_duration_seconds_bucket{le=\"0.025\"}"));
        assertEquals("quiver_request_duration_seconds_bucket{le=\"5\"} 4", line(page, "quiver_request_duration_seconds_bucket{le=\"5\"}"));
        assertEquals("quiver_request_duration_seconds_bucket{le=\"10\"} 5", line(page, "quiver_request_duration_seconds_bucket{le=\"10\"}"));
        assertEquals("quiver_request_duration_seconds_bucket{le=\"+Inf\"} 5", line(page, "quiver_request_duration_seconds_bucket{le=\"+Inf\"}"));
        assertEquals("quiver_request_duration_seconds_count 5", line(page, "quiver_request_duration_seconds_count"));
        double sum = Double.parseDouble(line(page, "quiver_request_duration_seconds_sum").split(" ")[1]);
        assertEquals(7.0247, sum, 7.0247 * 0.002, "the sum to three significant digits");
        assertEquals("quiver_requests_total{outcome=\"ok\"} 5", line(page, "quiver_requests_total{outcome=\"ok\"}"));
        assertEquals("quiver_streams_ended_total{state=\"completed\"} 5", line(page, "quiver_streams_ended_total{state=\"completed\"}"));
        assertEquals("quiver_requests_in_flight 3", line(page, "quiver_requests_in_flight"));
    }

    @Test
    void theCreditWaitCounterNeverGoesBack() {
        LiveMetrics m = new LiveMetrics("u");
        m.accept(sample(1, 2_500_000_000L, latencies(), Map.of()));
        // a wait that ended between the two reads of a sample is in neither: the counter must not dip
        m.accept(sample(2, 2_000_000_000L, latencies(), Map.of()));
        assertEquals("quiver_stream_credit_wait_seconds_total 2.5", line(m.page(), "quiver_stream_credit_wait_seconds_total"));
    }

    @Test
    void labelValuesAreEscapedAndEveryFamilyHasHelpAndType() {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("protocol_error: bad \"header\"\\x\nnext", 2L);
        LiveMetrics m = new LiveMetrics("http://127.0.0.1:1/a\"b");
        m.accept(sample(1, 0, latencies(10), errors));
        String page = m.page();
        assertTrue(page.contains("quiver_request_errors_total{category=\"protocol_error: bad \\\"header\\\"\\\\x\\nnext\"} 2"), page);
        assertTrue(page.contains("quiver_run_info{target=\"http://127.0.0.1:1/a\\\"b\"} 1"), page);
        assertTrue(page.endsWith("\n"));
        page.lines().filter(l -> !l.startsWith("#")).forEach(l -> {
            String name = l.replaceAll("[{ ].*", "").replaceAll("_(bucket|sum|count)$", "");
            String base = page.contains("# TYPE " + name + " ") ? name : l.replaceAll("[{ ].*", "");
            assertTrue(page.contains("# TYPE " + base + " ") && page.contains("# HELP " + base + " "), "HELP and TYPE for " + l);
        });
    }
}
