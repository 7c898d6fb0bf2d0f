package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.metrics.ListenAddress;
import dev.quiver.cli.metrics.LiveMetrics;
import dev.quiver.cli.metrics.MetricsServer;
import picocli.CommandLine.Option;

/** {@code --metrics-listen ADDR}: the run's live figures as a Prometheus page while it goes. */
public final class MetricsOptions {

    @Option(names = "--metrics-listen", paramLabel = "ADDR",
            description = "Serve the run's live figures at http://ADDR/metrics (Prometheus text format 0.0.4) while it goes: "
                    + "requests by outcome, in flight, streams by state and live, errors by category, connections, "
                    + "stream-credit waits, a latency histogram (classic buckets; native ones too when the scrape asks "
                    + "for the protobuf format, as Prometheus with native histograms on does); updated once a second. "
                    + "ADDR is HOST:PORT or PORT "
                    + "(127.0.0.1); loopback, or an address of this machine, never the wildcard.")
    String listen;

    /**
     * Starts the page before any load, or returns null without {@code --metrics-listen}; a bad or busy
     * address is bad input (one line, exit 2).
     */
    public MetricsServer start(LiveMetrics metrics) {
        if (listen == null) {
            return null;
        }
        try {
            return MetricsServer.start(ListenAddress.parse(listen), metrics);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--metrics-listen: " + e.getMessage());
        }
    }
}
