package dev.quiver.cli.leak;

import dev.quiver.core.leak.Reading;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.Watcher;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gauges from a Prometheus text-format page, by metric name. A metric with several series (labels)
 * is their sum, so one name is one resource: {@code jvm_memory_used_bytes} of all pools, say.
 * Names the page does not have are skipped; a page with none of them, or no metrics at all, is a failure.
 */
public final class PrometheusWatcher implements Watcher {

    /** Watched unless the page lacks them: the usual process, Go and JVM gauges. */
    public static final List<String> DEFAULT_METRICS = List.of("process_resident_memory_bytes", "process_open_fds",
            "go_goroutines", "go_memstats_heap_inuse_bytes", "jvm_memory_used_bytes", "jvm_threads_live_threads");

    private final URI uri;
    private final List<String> metrics;

    public PrometheusWatcher(String url, List<String> extraMetrics) {
        this.uri = HttpFetch.parse("--watch-prometheus", url);
        List<String> names = new ArrayList<>(DEFAULT_METRICS);
        for (String m : extraMetrics) {
            if (!m.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                throw new IllegalArgumentException("--metric '" + m + "' is not a Prometheus metric name");
            }
            if (!names.contains(m)) {
                names.add(m);
            }
        }
        this.metrics = List.copyOf(names);
    }

    @Override
    public String name() {
        return "prometheus " + uri;
    }

    @Override
    public List<Reading> read() throws IOException {
        String page = HttpFetch.get(uri);
        Map<String, Double> sums = parse(page, Set.copyOf(metrics));
        List<Reading> out = new ArrayList<>();
        for (String m : metrics) {
            Double v = sums.get(m);
            if (v != null) {
                out.add(new Reading(Resource.gauge(m, unitOf(m)), v));
            }
        }
        if (out.isEmpty()) {
            throw new IOException(uri + ": none of " + String.join(", ", metrics) + " on the page");
        }
        return out;
    }

    /**
     * Sums of the wanted metrics' samples. Lines: {@code name{labels} value [timestamp]}, comments
     * start with {@code #}. A page where not one line parses is garbage.
     */
    static Map<String, Double> parse(String page, Set<String> wanted) throws IOException {
        Map<String, Double> sums = new LinkedHashMap<>();
        int samples = 0;
        for (String raw : page.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = 0;
            while (nameEnd < line.length() && isNameChar(line.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == 0) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            int valueStart = nameEnd;
            if (valueStart < line.length() && line.charAt(valueStart) == '{') {
                int close = line.lastIndexOf('}');
                if (close < valueStart) {
                    continue;
                }
                valueStart = close + 1;
            }
            String[] rest = line.substring(valueStart).strip().split("\\s+");
            double value;
            try {
                value = Double.parseDouble(rest[0]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                continue;
            }
            samples++;
            if (wanted.contains(name) && !Double.isNaN(value)) {
                sums.merge(name, value, Double::sum);
            }
        }
        if (samples == 0) {
            throw new IOException("not Prometheus text format (no metric lines)");
        }
        return sums;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':';
    }

    static Resource.Unit unitOf(String metric) {
        return metric.endsWith("_bytes") ? Resource.Unit.BYTES : Resource.Unit.COUNT;
    }
}
