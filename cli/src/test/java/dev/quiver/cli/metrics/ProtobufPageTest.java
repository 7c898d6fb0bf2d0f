package dev.quiver.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protobuf page read back with protobuf-java's decoder: the same families, help and values as
 * the text page, and the latency histogram with its classic and native buckets agreeing.
 */
class ProtobufPageTest {

    /** Every sample of the text page as {@code name{label="value"}} to its value (comments skipped). */
    private static Map<String, Double> text(String page) {
        Map<String, Double> out = new LinkedHashMap<>();
        page.lines().filter(l -> !l.startsWith("#")).forEach(l -> {
            int space = l.lastIndexOf(' ');
            out.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return out;
    }

    private static Map<String, String> texts(String page, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        page.lines().filter(l -> l.startsWith(prefix)).forEach(l -> {
            String[] p = l.substring(prefix.length()).split(" ", 2);
            out.put(p[0], p[1]);
        });
        return out;
    }

    private static LiveMetrics metrics() {
        LiveMetrics m = new LiveMetrics("http://127.0.0.1:8080/a\"b");
        m.accept(LiveMetricsTest.sample(3, 1_500_000_000L, LiveMetricsTest.latencies(0, 800, 3_000, 20_000, 250_000, 500_000, 500_001),
                Map.of("timeout", 2L)));
        m.accept(LiveMetricsTest.sample(5, 0, LiveMetricsTest.latencies(900, 1_000_000, 1_000_700, 7_000_000), Map.of("timeout", 3L)));
        return m;
    }

    @Test
    void everyTextSampleIsInTheProtobufPageWithItsHelpAndType() {
        LiveMetrics m = metrics();
        String page = m.page();
        List<ProtobufFields> families = ProtobufFields.parseDelimited(m.protobufPage());
        Map<String, String> help = texts(page, "# HELP ");
        Map<String, String> type = texts(page, "# TYPE ");
        assertEquals(new ArrayList<>(type.keySet()), families.stream().map(f -> f.string(1)).toList(), "the same families in order");
        Map<String, Double> fromProtobuf = new LinkedHashMap<>();
        for (ProtobufFields f : families) {
            String name = f.string(1);
            assertEquals(help.get(name), f.string(2), name);
            String expected = type.get(name);
            int kind = (int) f.uint64(3);
            assertEquals(expected, switch (kind) {
                case 0 -> "counter";
                case 1 -> "gauge";
                case 4 -> "histogram";
                default -> "type " + kind;
            }, name);
            for (ProtobufFields metric : f.messages(4)) {
                String key = name;
                if (metric.has(1)) {
                    ProtobufFields label = metric.message(1);
                    key += "{" + label.string(1) + "=\"" + MetricsPage.escape(label.string(2)) + "\"}";
                }
                if (kind == 0) {
                    fromProtobuf.put(key, metric.message(3).double64(1));
                } else if (kind == 1) {
                    fromProtobuf.put(key, metric.message(2).double64(1));
                } else {
                    ProtobufFields h = metric.message(7);
                    for (ProtobufFields b : h.messages(3)) {
                        double le = b.double64(2);
                        String bound = le == Math.rint(le) ? Long.toString((long) le) : Double.toString(le);
                        fromProtobuf.put(key + "_bucket{le=\"" + bound + "\"}", (double) b.uint64(1));
                    }
                    fromProtobuf.put(key + "_bucket{le=\"+Inf\"}", (double) h.uint64(1));
                    fromProtobuf.put(key + "_sum", h.double64(2));
                    fromProtobuf.put(key + "_count", (double) h.uint64(1));
                }
            }
        }
        assertEquals(text(page), fromProtobuf);
        assertTrue(fromProtobuf.containsKey("quiver_run_info{target=\"http://127.0.0.1:8080/a\\\"b\"}"), fromProtobuf.toString());
        assertEquals(1.5, fromProtobuf.get("quiver_stream_credit_wait_seconds_total"));
    }

    @Test
    void theNativeBucketsHoldEveryLatencyAndAgreeWithTheClassicOnesOnSharedBounds() {
        LiveMetrics m = metrics();
        Map<String, Double> text = text(m.page());
        List<ProtobufFields> families = ProtobufFields.parseDelimited(m.protobufPage());
        ProtobufFields h = families.get(families.size() - 1).message(4).message(7);
        assertEquals(3, h.sint64(5), "schema");
        assertEquals(0x1p-128, h.double64(6), "zero threshold");
        assertEquals(1, h.uint64(7), "the one latency of 0 µs");
        long count = h.uint64(1);
        assertEquals(11, count);
        // rebuild each bucket's index and count from the spans and deltas
        Map<Integer, Long> buckets = new LinkedHashMap<>();
        int index = 0;
        long c = 0;
        List<Long> deltas = h.sint64s(13);
        int d = 0;
        for (ProtobufFields span : h.messages(12)) {
            index += (int) span.sint64(1); // the first span's offset is its start, the next ones' the gap before them
            for (long n = 0; n < span.uint64(2); n++) {
                c += deltas.get(d++);
                assertTrue(c > 0, "no empty bucket written");
                buckets.put(index++, c);
            }
        }
        assertEquals(deltas.size(), d, "one delta per bucket");
        assertEquals(count, h.uint64(7) + buckets.values().stream().mapToLong(Long::longValue).sum(), "zero + buckets = count");
        // 0.25 s, 0.5 s and 1 s are bounds of both: buckets -16, -8 and 0
        for (int[] shared : new int[][] {{-16, 0}, {-8, 0}, {0, 0}}) {
            int upTo = shared[0];
            long native_ = h.uint64(7) + buckets.entrySet().stream().filter(e -> e.getKey() <= upTo).mapToLong(Map.Entry::getValue).sum();
            String le = upTo == 0 ? "1" : Double.toString(Math.pow(2, upTo / 8.0));
            assertEquals(text.get("quiver_request_duration_seconds_bucket{le=\"" + le + "\"}"), (double) native_, "le " + le);
        }
        assertEquals(text.get("quiver_request_duration_seconds_count"), (double) count);
        assertEquals(text.get("quiver_request_duration_seconds_sum"), h.double64(2));
    }

    @Test
    void anEmptyHistogramIsMarkedNativeByItsNoOpSpan() {
        LiveMetrics m = new LiveMetrics("u");
        List<ProtobufFields> families = ProtobufFields.parseDelimited(m.protobufPage());
        ProtobufFields h = families.get(families.size() - 1).message(4).message(7);
        assertEquals(0, h.uint64(1));
        List<ProtobufFields> spans = h.messages(12);
        assertEquals(1, spans.size());
        assertEquals(0, spans.get(0).sint64(1));
        assertEquals(0, spans.get(0).uint64(2));
        assertFalse(h.has(13));
        assertEquals(LiveMetrics.BUCKETS_SECONDS.length, h.messages(3).size(), "the classic buckets, all 0");
    }
}
