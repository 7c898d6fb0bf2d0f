package dev.quiver.cli.command;

import dev.quiver.h2.server.EmbeddedServer;
import dev.quiver.h2.server.ServerConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver serve}: the embedded reference server, with fault switches for tests and demos. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the embedded reference server until Ctrl-C.",
                "Routes: / (small body), /bytes/N (N bytes), /delay/MS (answer after MS milliseconds)."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8443",
            description = "TLS port (HTTP/2 and HTTP/1.1 by ALPN, self-signed certificate); 0 for any free port, -1 for none. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--plain-port", defaultValue = "8080",
            description = "Cleartext port (HTTP/1.1 and h2c with prior knowledge); 0 for any free port, -1 for none. Default: ${DEFAULT-VALUE}.")
    int plainPort;

    @Option(names = "--threads", defaultValue = "0", description = "Event-loop threads (default: one per core).")
    int threads;

    @Option(names = "--max-streams", defaultValue = "1000", description = "HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS. Default: ${DEFAULT-VALUE}.")
    int maxStreams;

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

    @Override
    public Integer call() throws Exception {
        ServerConfig config = serverConfig();
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedServer server = new EmbeddedServer(config).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "quiver-serve-stop"));
            System.out.println(server.describe());
            System.out.flush();
            stopped.await();
        }
        return 0;
    }

    ServerConfig serverConfig() {
        ServerConfig.Builder b = ServerConfig.builder()
                .host(host)
                .tlsPort(port)
                .plainPort(plainPort)
                .maxConcurrentStreams(maxStreams)
                .goawayEvery(goawayEvery)
                .closeEvery(closeEvery)
                .resetEvery(resetEvery)
                .stallEvery(stallEvery);
        if (threads > 0) {
            b.threads(threads);
        }
        return b.build();
    }
}
