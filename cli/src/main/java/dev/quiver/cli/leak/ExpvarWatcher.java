package dev.quiver.cli.leak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.core.leak.Reading;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.Watcher;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's expvar page ({@code /debug/vars}): {@code memstats.HeapInuse}, {@code memstats.HeapObjects},
 * and a goroutine count when the server publishes one ({@code goroutines} or {@code Goroutines}).
 */
public final class ExpvarWatcher implements Watcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;

    public ExpvarWatcher(String url) {
        this.uri = HttpFetch.parse("--watch-expvar", url);
    }

    @Override
    public String name() {
        return "expvar " + uri;
    }

    @Override
    public List<Reading> read() throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(HttpFetch.get(uri));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(uri + ": not expvar JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IOException(uri + ": not expvar JSON (no object)");
        }
        List<Reading> out = new ArrayList<>();
        add(out, root.at("/memstats/HeapInuse"), "memstats.HeapInuse", Resource.Unit.BYTES);
        add(out, root.at("/memstats/HeapObjects"), "memstats.HeapObjects", Resource.Unit.COUNT);
        add(out, root.get("goroutines"), "goroutines", Resource.Unit.COUNT);
        add(out, root.get("Goroutines"), "Goroutines", Resource.Unit.COUNT);
        if (out.isEmpty()) {
            throw new IOException(uri + ": no memstats.HeapInuse, memstats.HeapObjects or goroutines on the page");
        }
        return out;
    }

    private void add(List<Reading> out, JsonNode node, String name, Resource.Unit unit) {
        if (node != null && node.isNumber()) {
            out.add(new Reading(Resource.gauge("expvar " + name, unit), node.asDouble()));
        }
    }
}
