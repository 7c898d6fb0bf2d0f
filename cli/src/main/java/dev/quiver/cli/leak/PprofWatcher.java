package dev.quiver.cli.leak;

import dev.quiver.core.leak.Reading;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.Watcher;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The goroutine count from a Go pprof goroutine page ({@code ?debug=1}): its line {@code goroutine profile: total N}. */
public final class PprofWatcher implements Watcher {

    private static final Pattern TOTAL = Pattern.compile("goroutine profile: total (\\d+)");
    private static final Resource GOROUTINES = Resource.gauge("pprof goroutines", Resource.Unit.COUNT);

    private final URI uri;

    public PprofWatcher(String url) {
        this.uri = HttpFetch.parse("--watch-pprof", url);
    }

    @Override
    public String name() {
        return "pprof " + uri;
    }

    @Override
    public List<Reading> read() throws IOException {
        String page = HttpFetch.get(uri);
        Matcher m = TOTAL.matcher(page.length() > 4096 ? page.substring(0, 4096) : page);
        if (!m.find()) {
            throw new IOException(uri + ": no 'goroutine profile: total N' line (use ?debug=1)");
        }
        return List.of(new Reading(GOROUTINES, Double.parseDouble(m.group(1))));
    }
}
