package dev.quiver.cli.serve;

import dev.quiver.cli.leak.LiveHeap;
import dev.quiver.cli.leak.OwnProcess;
import dev.quiver.server.ReferenceServers;
import dev.quiver.server.fault.InjectedLeaks;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code quiver serve}'s own {@code /metrics} page in Prometheus text format: the process (RSS,
 * open fds, threads, heap) and the servers (open connections, requests in progress, accept
 * failures and connections closed for want of descriptors), so that a leak check can watch the
 * server it loads. The heap is the live heap ({@link LiveHeap}).
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
            counter(s, "quiver_serve_accept_failures_total",
                    "Times a TCP listener's accept() failed (out of file descriptors, most of the time).", r.acceptFailures());
            counter(s, "quiver_serve_connections_shed_total",
                    "Waiting TCP connections closed at once because no file descriptor was free to serve them.",
                    r.connectionsShed());
            counter(s, "quiver_serve_event_loop_errors_total",
                    "Failures that escaped every handler and reached an event loop, which survived them.",
                    r.eventLoopErrors());
        }
        gauge(s, "quiver_serve_leaked_objects", "Objects kept on purpose by the --leak-... switches.", "", leaks.retainedObjects());
        return s.toString();
    }

    private static void gauge(StringBuilder s, String name, String help, String labels, long value) {
        metric(s, "gauge", name, help, labels, value);
    }

    private static void counter(StringBuilder s, String name, String help, long value) {
        metric(s, "counter", name, help, "", value);
    }

    private static void metric(StringBuilder s, String type, String name, String help, String labels, long value) {
        if (value < 0) {
            return; // not readable here (not Linux), or not now (no descriptor free to read /proc)
        }
        s.append("# HELP ").append(name).append(' ').append(help).append('\n');
        s.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        s.append(name).append(labels).append(' ').append(String.format(Locale.ROOT, "%d", value)).append('\n');
    }
}
