package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.options.DurationConverter;
import dev.quiver.cli.serve.ServeMetrics;
import dev.quiver.cli.serve.ServeNotices;
import dev.quiver.server.ReferenceServers;
import dev.quiver.server.config.ListenException;
import dev.quiver.server.fault.InjectedLeaks;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.route.WwwDirectory;
import dev.quiver.server.loop.DescriptorExhaustion;
import dev.quiver.server.tcp.ServerConfig;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quiver serve}: the embedded reference server, with fault switches for tests and demos. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the embedded reference server until Ctrl-C: HTTP/1.1 and HTTP/2 over TLS",
                "on TCP --port, HTTP/3 on UDP --port, HTTP/1.1 and h2c on --plain-port; one",
                "self-signed certificate (or --cert-chain) made at start-up. Routes: / (small",
                "body), /bytes/N (N bytes), /delay/MS (answer after MS milliseconds), /metrics",
                "(HTTP/1.1: the server's own Prometheus gauges and counters). With --www DIR also",
                "the regular files of DIR by their path (the routes first), as the QUIC interop",
                "runner's servers serve /www.",
                "Out of file descriptors it keeps serving what it has, closes what it cannot",
                "take, accepts again when descriptors come back, and says so on stderr."},
        footerHeading = "%nExit codes:%n",
        footer = {"  2  bad input: a value out of range (the line names the flag and its range),",
                "     a --host that does not resolve, a --www that is no directory",
                "  3  cannot listen: a port in use, an address not of this machine, no",
                "     permission, no file descriptor"})
public final class ServeCommand implements Callable<Integer> {

    /** Event-loop threads at most: each costs a few descriptors and a thread per server. */
    static final int MAX_THREADS = 256;
    /** Bytes leaked per request at most: already a gigabyte per thousand requests. */
    static final int MAX_LEAK_BYTES = 1 << 20;
    static final Duration MIN_IDLE_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(24);

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8443",
            description = "TLS port: TCP for HTTP/2 and HTTP/1.1 by ALPN, UDP for HTTP/3; 0 for any free port, -1 for none. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--plain-port", defaultValue = "8080",
            description = "Cleartext port (HTTP/1.1 and h2c with prior knowledge); 0 for any free port, -1 for none. Default: ${DEFAULT-VALUE}.")
    int plainPort;

    @Option(names = "--threads", paramLabel = "N", description = "Event-loop threads, 1.." + MAX_THREADS + " (default: one per core).")
    Integer threads;

    @Option(names = "--max-streams", paramLabel = "N",
            description = "Stream credit granted per connection, >= 1: HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS (default 1000) and QUIC initial MAX_STREAMS (default 100).")
    Integer maxStreams;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "TCP: close a connection that sends nothing for this long while none of its requests is being "
                    + "answered (half-open, silent, or stuck in a request head); 0 for never, else 100ms..24h. Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(names = "--cert-chain", paramLabel = "N", defaultValue = "1",
            description = "Serve a generated chain of N certificates, 1.." + SelfSignedCertificate.MAX_CHAIN_LENGTH
                    + ": the server's own and N-1 intermediate CAs up to a root that is not sent, the leaf inflated as the QUIC "
                    + "interop runner's (9 makes a first flight above 7.5 KB, for interop's amplificationlimit). Default: ${DEFAULT-VALUE} (self-signed).")
    int certChain;

    @Option(names = "--www", paramLabel = "DIR",
            description = "Also serve the regular files inside DIR by their path, over every protocol (application/octet-stream, "
                    + "streamed from the file). The routes above keep precedence; nothing outside DIR is served (.., %%2e%%2e, "
                    + "links leading out: 400 or 404).")
    Path www;

    @Option(names = "--no-http3", description = "Do not serve HTTP/3.")
    boolean noHttp3;

    @Option(names = "--requests-per-connection", paramLabel = "N", defaultValue = "" + Http3ServerConfig.DEFAULT_REQUESTS_PER_CONNECTION,
            description = "HTTP/3: GOAWAY after N requests on a connection, and the client moves to a new one; 0 for no limit. "
                    + "quiche keeps the id of every stream a connection has had (10-20 bytes each), so one connection "
                    + "without a limit grows the server for as long as it lives. Default: ${DEFAULT-VALUE} (2^20).")
    int requestsPerConnection;

    @Option(names = "--retry", description = "HTTP/3: send a QUIC Retry before every handshake (address validation).")
    boolean retry;

    @Option(names = "--goaway-every", paramLabel = "N",
            description = "Graceful GOAWAY after every N requests on a connection, N >= 1 (HTTP/1.1: Connection: close).")
    Integer goawayEvery;

    @Option(names = "--close-every", paramLabel = "N",
            description = "Abrupt close of the connection when its Nth request arrives, N >= 1.")
    Integer closeEvery;

    @Option(names = "--reset-every", paramLabel = "N",
            description = "Every Nth response is cut off mid-body, N >= 1 (HTTP/2: RST_STREAM; HTTP/1.1: connection closed).")
    Integer resetEvery;

    @Option(names = "--stall-every", paramLabel = "N",
            description = "Every Nth request is never answered, N >= 1.")
    Integer stallEvery;

    @Option(names = "--silent-close-every", paramLabel = "N",
            description = "HTTP/3: drop the connection's state when its Nth request arrives, N >= 1, without telling the client (only its idle timeout ends it).")
    Integer silentCloseEvery;

    @Option(names = "--leak-bytes-per-request", paramLabel = "N",
            description = "Leak for tests of leak-check: keep N bytes (1.." + MAX_LEAK_BYTES + ") per request received, never freed (all protocols).")
    Integer leakBytesPerRequest;

    @Option(names = "--leak-streams",
            description = "Leak for tests of leak-check: finished streams never give their credit back, so the client's stream "
                    + "credit runs out (HTTP/2: they keep counting against SETTINGS_MAX_CONCURRENT_STREAMS; HTTP/3: no MAX_STREAMS for them).")
    boolean leakStreams;

    @Option(names = "--leak-connections",
            description = "Leak for tests of leak-check: keep a reference to every closed connection's state (channel and pipeline).")
    boolean leakConnections;

    /** The directory of --www, checked by {@link #validate()}; null without it. */
    private WwwDirectory wwwDirectory;
    /** One set of leaks for both servers, made from the flags on first use. */
    private InjectedLeaks leaks;
    private final AtomicReference<ReferenceServers> running = new AtomicReference<>();

    @Override
    public Integer call() throws Exception {
        validate();
        ReferenceServers servers;
        try {
            servers = ReferenceServers.start(serverConfig(), http3Config(), !noHttp3, certChain);
        } catch (ListenException e) {
            spec.commandLine().getErr().println("quiver: " + e.getMessage());
            return e.reason() == ListenException.Reason.UNRESOLVED ? ExitCode.USAGE : ExitCode.UNREACHABLE;
        } catch (RuntimeException e) {
            if (!DescriptorExhaustion.is(e)) {
                throw e;
            }
            spec.commandLine().getErr().println("quiver: out of file descriptors while starting (raise the limit with "
                    + "ulimit -n, or give fewer --threads)");
            return ExitCode.UNREACHABLE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (servers; ServeNotices notices = ServeNotices.start(servers, System.err)) {
            running.set(servers);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                servers.close();
                notices.close();
                String summary = notices.summary();
                if (summary != null) {
                    System.err.println(summary);
                }
                stopped.countDown();
            }, "quiver-serve-stop"));
            System.out.println(servers.describe());
            System.out.flush();
            stopped.await();
        }
        return 0;
    }

    /** Every flag in its range, before anything is bound; one line naming the flag and the range. */
    private void validate() {
        checkPort("--port", port);
        checkPort("--plain-port", plainPort);
        if (port == -1 && plainPort == -1) {
            throw new UsageException("nothing to serve: --port and --plain-port are both -1");
        }
        check("--threads", threads, 1, MAX_THREADS);
        check("--cert-chain", certChain, 1, SelfSignedCertificate.MAX_CHAIN_LENGTH);
        check("--max-streams", maxStreams, 1, Integer.MAX_VALUE);
        check("--requests-per-connection", requestsPerConnection, 0, Integer.MAX_VALUE);
        check("--goaway-every", goawayEvery, 1, Integer.MAX_VALUE);
        check("--close-every", closeEvery, 1, Integer.MAX_VALUE);
        check("--reset-every", resetEvery, 1, Integer.MAX_VALUE);
        check("--stall-every", stallEvery, 1, Integer.MAX_VALUE);
        check("--silent-close-every", silentCloseEvery, 1, Integer.MAX_VALUE);
        check("--leak-bytes-per-request", leakBytesPerRequest, 1, MAX_LEAK_BYTES);
        if (!idleTimeout.isZero() && (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0 || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0)) {
            throw new UsageException("--idle-timeout must be 0 (never) or 100ms..24h, got " + idleTimeout.toMillis() + "ms");
        }
        boolean http3 = !noHttp3 && port != -1;
        if (!http3 && (retry || silentCloseEvery != null)) {
            throw new UsageException((retry ? "--retry" : "--silent-close-every") + " is for HTTP/3, which "
                    + (noHttp3 ? "--no-http3 turns off" : "--port -1 turns off"));
        }
        if (host.isBlank()) {
            throw new UsageException("--host must not be empty (e.g. 127.0.0.1 or ::1)");
        }
        if (www != null) {
            try {
                wwwDirectory = WwwDirectory.of(www);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--www " + e.getMessage());
            }
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException("--host " + host + " does not resolve to an address (e.g. 127.0.0.1 or ::1)");
        }
    }

    private static void checkPort(String flag, int value) {
        if (value < -1 || value > 65535) {
            throw new UsageException(flag + " must be -1 (none), 0 (any free port) or 1..65535, got " + value);
        }
    }

    private static void check(String flag, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
            throw new UsageException(flag + " must be " + range + ", got " + value);
        }
    }

    Http3ServerConfig.Builder http3Config() {
        Http3ServerConfig.Builder b = Http3ServerConfig.builder()
                .retry(retry)
                .requestsPerConnection(requestsPerConnection)
                .goawayEvery(orOff(goawayEvery))
                .closeEvery(orOff(closeEvery))
                .resetEvery(orOff(resetEvery))
                .stallEvery(orOff(stallEvery))
                .silentCloseEvery(orOff(silentCloseEvery))
                .leaks(leaks());
        if (maxStreams != null) {
            b.maxStreams(maxStreams);
        }
        if (threads != null) {
            b.threads(threads);
        }
        return b;
    }

    ServerConfig serverConfig() {
        ServerConfig.Builder b = ServerConfig.builder()
                .host(host)
                .tlsPort(port)
                .plainPort(plainPort)
                .goawayEvery(orOff(goawayEvery))
                .closeEvery(orOff(closeEvery))
                .resetEvery(orOff(resetEvery))
                .stallEvery(orOff(stallEvery))
                .leaks(leaks())
                .idleTimeout(idleTimeout)
                .www(wwwDirectory)
                .metricsPage(new ServeMetrics(running::get, leaks()));
        if (threads != null) {
            b.threads(threads);
        }
        if (maxStreams != null) {
            b.maxConcurrentStreams(maxStreams);
        }
        return b.build();
    }

    /** A fault switch the user did not give is off (0 in the server configuration). */
    private static int orOff(Integer every) {
        return every == null ? 0 : every;
    }

    private InjectedLeaks leaks() {
        if (leaks == null) {
            int bytes = leakBytesPerRequest == null ? 0 : leakBytesPerRequest;
            leaks = bytes == 0 && !leakStreams && !leakConnections ? InjectedLeaks.NONE
                    : new InjectedLeaks(bytes, leakConnections, leakStreams);
        }
        return leaks;
    }
}
