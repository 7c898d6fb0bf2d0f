package dev.quiver.cli.leak;

import dev.quiver.core.leak.Reading;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.Watcher;
import dev.quiver.core.schedule.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * quiver watching itself, always on: its tracker's live streams, its live heap and its open
 * sockets. A leak here is quiver's own, and the report says so by the watcher's name.
 * The live heap is read as {@link LiveHeap} says; its collections pause the load for a few
 * milliseconds once a second, which the latency figures of a leak check include.
 */
public final class QuiverWatcher implements Watcher {

    private static final Resource LIVE = Resource.gauge("quiver live streams", Resource.Unit.COUNT);
    /** quiver initialises classes, TLS and buffer caches on first use: below this, growth is not a leak of quiver's. */
    private static final Resource HEAP = new Resource("quiver live heap", Resource.Unit.BYTES, false, 32 << 20);
    private static final Resource SOCKETS = Resource.gauge("quiver open sockets", Resource.Unit.COUNT);

    private final Supplier<Scheduler> load;
    private final LiveHeap liveHeap = new LiveHeap();

    /** @param load the running load, or null before it starts */
    public QuiverWatcher(Supplier<Scheduler> load) {
        this.load = load;
    }

    @Override
    public String name() {
        return "quiver";
    }

    @Override
    public List<Reading> read() {
        List<Reading> out = new ArrayList<>();
        Scheduler s = load.get();
        out.add(new Reading(LIVE, s == null ? 0 : s.liveStreams()));
        out.add(new Reading(HEAP, liveHeap.read()));
        long sockets = OwnProcess.openSockets();
        if (sockets >= 0) {
            out.add(new Reading(SOCKETS, sockets));
        }
        return out;
    }
}
