package dev.quiver.cli.command;

import dev.quiver.cli.serve.ReferenceServers;
import dev.quiver.cli.serve.ServeMetrics;
import dev.quiver.core.serve.InjectedLeaks;
import dev.quiver.h2.server.ServerConfig;
import dev.quiver.quic.server.Http3ServerConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver serve}: the embedded reference server, with fault switches for tests and demos. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the embedded reference server until Ctrl-C: HTTP/1.1 and HTTP/2 over TLS on TCP --port,",
                "HTTP/3 on UDP --port, HTTP/1.1 and h2c on --plain-port; one self-signed certificate made at start-up.",
                "Routes: / (small body), /bytes/N (N bytes), /delay/MS (answer after MS milliseconds);",
                "/metrics (HTTP/1.1): the server's own Prometheus gauges (RSS, open fds, threads, heap, live streams)."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8443",
            description = "TLS port: TCP for HTTP/2 and HTTP/1.1 by ALPN, UDP for HTTP/3; 0 for any free port, -1 for none. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--plain-port", defaultValue = "8080",
            description = "Cleartext port (HTTP/1.1 and h2c with prior knowledge); 0 for any free port, -1 for none. Default: ${DEFAULT-VALUE}.")
    int plainPort;

    @Option(names = "--threads", defaultValue = "0", description = "Event-loop threads (default: one per core).")
    int threads;

    @Option(names = "--max-streams", paramLabel = "N",
            description = "Stream credit granted per connection: HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS (default 1000) and QUIC initial MAX_STREAMS (default 100).")
    Integer maxStreams;

    @Option(names = "--no-http3", description = "Do not serve HTTP/3.")
    boolean noHttp3;

    @Option(names = "--retry", description = "HTTP/3: send a QUIC Retry before every handshake (address validation).")
    boolean retry;

    @Option(names = "--goaway-every", paramLabel = "N", defaultValue = "0",
            description = "Graceful GOAWAY after every N requests on a connection (HTTP/1.1: Connection: close).")
    int goawayEvery;

    @Option(names = "--close-every", paramLabel = "N", defaultValue = "0",
            description = "Abrupt close of the connection when its Nth request arrives.")
    int closeEvery;

    @Option(names = "--reset-every", paramLabel = "N", defaultValue = "0",
            description = "Every Nth response is cut off mid-body (HTTP/2: RST_STREAM; HTTP/1.1: connection closed).")
    int resetEvery;

    @Option(names = "--stall-every", paramLabel = "N", defaultValue = "0",
            description = "Every Nth request is never answered.")
    int stallEvery;

    @Option(names = "--silent-close-every", paramLabel = "N", defaultValue = "0",
            description = "HTTP/3: drop the connection's state when its Nth request arrives, without telling the client (only its idle timeout ends it).")
    int silentCloseEvery;

    @Option(names = "--leak-bytes-per-request", paramLabel = "N", defaultValue = "0",
            description = "Leak for tests of leak-check: keep N bytes per request received, never freed (all protocols).")
    int leakBytesPerRequest;

    @Option(names = "--leak-streams",
            description = "Leak for tests of leak-check: finished streams never give their credit back, so the client's stream "
                    + "credit runs out (HTTP/2: they keep counting against SETTINGS_MAX_CONCURRENT_STREAMS; HTTP/3: no MAX_STREAMS for them).")
    boolean leakStreams;

    @Option(names = "--leak-connections",
            description = "Leak for tests of leak-check: keep a reference to every closed connection's state (channel and pipeline).")
    boolean leakConnections;

    /** One set of leaks for both servers, made from the flags on first use. */
    private InjectedLeaks leaks;
    private final java.util.concurrent.atomic.AtomicReference<ReferenceServers> running = new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public Integer call() throws Exception {
        if (leakBytesPerRequest < 0) {
            throw new dev.quiver.cli.UsageException("--leak-bytes-per-request must be >= 0");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (ReferenceServers servers = ReferenceServers.start(serverConfig(), http3Config(), !noHttp3)) {
            running.set(servers);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                servers.close();
                stopped.countDown();
            }, "quiver-serve-stop"));
            System.out.println(servers.describe());
            System.out.flush();
            stopped.await();
        }
        return 0;
    }

    Http3ServerConfig.Builder http3Config() {
        Http3ServerConfig.Builder b = Http3ServerConfig.builder()
                .retry(retry)
                .goawayEvery(goawayEvery)
                .closeEvery(closeEvery)
                .resetEvery(resetEvery)
                .stallEvery(stallEvery)
                .silentCloseEvery(silentCloseEvery)
                .leaks(leaks());
        if (maxStreams != null) {
            b.maxStreams(maxStreams);
        }
        if (threads > 0) {
            b.threads(threads);
        }
        return b;
    }

    ServerConfig serverConfig() {
        ServerConfig.Builder b = ServerConfig.builder()
                .host(host)
                .tlsPort(port)
                .plainPort(plainPort)
                .goawayEvery(goawayEvery)
                .closeEvery(closeEvery)
                .resetEvery(resetEvery)
                .stallEvery(stallEvery)
                .leaks(leaks())
                .metricsPage(new ServeMetrics(running::get, leaks()));
        if (threads > 0) {
            b.threads(threads);
        }
        if (maxStreams != null) {
            b.maxConcurrentStreams(maxStreams);
        }
        return b.build();
    }

    private InjectedLeaks leaks() {
        if (leaks == null) {
            leaks = leakBytesPerRequest == 0 && !leakStreams && !leakConnections ? InjectedLeaks.NONE
                    : new InjectedLeaks(leakBytesPerRequest, leakConnections, leakStreams);
        }
        return leaks;
    }
}
