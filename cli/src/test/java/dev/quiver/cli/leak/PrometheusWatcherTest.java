package dev.quiver.cli.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Prometheus text pages as servers write them, and pages that are not. */
class PrometheusWatcherTest {

    @Test
    void seriesOfOneMetricAreSummedAndOthersIgnored() throws IOException {
        String page = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.5E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5000000
                go_goroutines 14 1700000000000
                process_open_fds{label="a } b"} 12
                http_requests_total{code="200"} 99
                """;
        Map<String, Double> m = PrometheusWatcher.parse(page,
                Set.of("jvm_memory_used_bytes", "go_goroutines", "process_open_fds", "process_resident_memory_bytes"));
        assertEquals(2e7, m.get("jvm_memory_used_bytes"));
        assertEquals(14, m.get("go_goroutines"));
        assertEquals(12, m.get("process_open_fds"));
        assertFalse(m.containsKey("process_resident_memory_bytes"));
        assertFalse(m.containsKey("http_requests_total"));
    }

    @Test
    void aPageWithoutMetricLinesIsGarbage() {
        assertThrows(IOException.class, () -> PrometheusWatcher.parse("<html><body>login</body></html>\n", Set.of("go_goroutines")));
        assertThrows(IOException.class, () -> PrometheusWatcher.parse("", Set.of("go_goroutines")));
    }

    @Test
    void badMetricNamesAndUrlsAreRefusedAtStart() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> new PrometheusWatcher("http://127.0.0.1:1/metrics", List.of("bad name")));
        assertTrue(name.getMessage().contains("--metric 'bad name'"), name.getMessage());
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> new PrometheusWatcher("127.0.0.1:2019/metrics", List.of()));
        assertTrue(url.getMessage().startsWith("--watch-prometheus needs an http://"), url.getMessage());
    }

    @Test
    void bytesGaugesAreBytesAndTheRestCounts() {
        assertEquals(dev.quiver.core.leak.Resource.Unit.BYTES, PrometheusWatcher.unitOf("go_memstats_heap_inuse_bytes"));
        assertEquals(dev.quiver.core.leak.Resource.Unit.COUNT, PrometheusWatcher.unitOf("go_goroutines"));
    }
}
