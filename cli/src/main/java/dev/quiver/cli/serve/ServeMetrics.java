package dev.quiver.cli.serve;

import dev.quiver.cli.leak.LiveHeap;
import dev.quiver.cli.leak.OwnProcess;
import dev.quiver.core.serve.InjectedLeaks;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code quiver serve}'s own {@code /metrics} page in Prometheus text format: the process (RSS,
 * open fds, threads, heap) and the servers (open connections, requests in progress), so that a
 * leak check can watch the server it loads. The heap is the live heap ({@link LiveHeap}).
 */
public final class ServeMetrics implements Supplier<String> {

    private final Supplier<ReferenceServers> servers;
    private final InjectedLeaks leaks;
    private final LiveHeap liveHeap = new LiveHeap();

    /** @param servers the running servers, or null while they start */
    public ServeMetrics(Supplier<ReferenceServers> servers, InjectedLeaks leaks) {
        this.servers = servers;
        this.leaks = leaks;
    }

    @Override
    public String get() {
        StringBuilder s = new StringBuilder(1024);
        gauge(s, "process_resident_memory_bytes", "Resident memory size in bytes.", "", OwnProcess.rssBytes());
        gauge(s, "process_open_fds", "Number of open file descriptors.", "", OwnProcess.openFds());
        gauge(s, "jvm_memory_used_bytes", "Live heap: in use after a full collection (at most one a second), in bytes.",
                "{area=\"heap\"}", liveHeap.read());
        gauge(s, "jvm_threads_live_threads", "Live JVM threads.", "", OwnProcess.liveThreads());
        ReferenceServers r = servers.get();
        if (r != null) {
            gauge(s, "quiver_serve_open_connections", "Connections open now, all protocols.", "", r.openConnections());
            gauge(s, "quiver_serve_live_streams", "Requests received and not yet answered, all protocols.", "", r.liveStreams());
        }
        gauge(s, "quiver_serve_leaked_objects", "Objects kept on purpose by the --leak-... switches.", "", leaks.retainedObjects());
        return s.toString();
    }

    private static void gauge(StringBuilder s, String name, String help, String labels, long value) {
        if (value < 0) {
            return; // not readable here (not Linux)
        }
        s.append("# HELP ").append(name).append(' ').append(help).append('\n');
        s.append("# TYPE ").append(name).append(" gauge\n");
        s.append(name).append(labels).append(' ').append(String.format(Locale.ROOT, "%d", value)).append('\n');
    }
}
