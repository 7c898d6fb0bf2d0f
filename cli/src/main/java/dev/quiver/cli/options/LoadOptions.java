package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The workload flags every load command shares; names follow oha where they overlap. */
public final class LoadOptions {

    @Option(names = {"-n", "--requests"}, paramLabel = "N",
            description = "Number of requests to send (default: 200 unless -z is given).")
    Long requests;

    @Option(names = {"-c", "--connections"}, paramLabel = "C", defaultValue = "50",
            description = "Connections to keep open (virtual users in the closed model). Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = {"-p", "--parallel"}, paramLabel = "P", defaultValue = "1",
            description = "Concurrent streams per connection for HTTP/2 and HTTP/3; never more than the server allows. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = {"-z", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Run for this long (e.g. 10s, 2m), then cancel what is in flight. With -n, whichever comes first.")
    Duration duration;

    @Option(names = {"-q", "--rate"}, paramLabel = "RPS",
            description = "Open model: start requests at this rate on a fixed schedule; latency counts from each request's intended start.")
    Double rate;

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", defaultValue = "GET",
            description = "HTTP method. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "Request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "BODY", description = "Request body.")
    String data;

    @Option(names = {"-D", "--data-file"}, paramLabel = "FILE", description = "Request body from a file.")
    Path dataFile;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "Request timeout; a request still open after it ends as timed_out. 0 turns it off. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Timeout for TCP connect plus TLS handshake. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--http", paramLabel = "VERSION",
            description = "HTTP version: 1.1, 2 or 3. Default: HTTP/1.1 for http://, ALPN (h2 preferred) for https://.")
    String http;

    @Option(names = {"-k", "--insecure"}, description = "Accept any server certificate.")
    boolean insecure;

    @Option(names = "--engine", paramLabel = "NAME", description = "Protocol engine (default: the protocol's default engine).")
    String engine;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0",
            description = "Event-loop threads (default: one per core, at most one per connection).")
    int ioThreads;

    /** The protocol asked for, or null for the URL's default. */
    public Protocol protocol() {
        try {
            return http == null ? null : Protocol.parse(http);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public String engine() {
        return engine;
    }

    /** {@code -z}, or null when not given. */
    public Duration duration() {
        return duration;
    }

    /** Checks the flags and builds the run; bad input is a {@link UsageException}. */
    public RunSpec toSpec(String url) {
        try {
            return buildSpec(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private RunSpec buildSpec(String url) {
        Target target = Target.parse(url);
        if (requests != null && requests < 1) {
            throw new UsageException("-n must be at least 1");
        }
        if (connections < 1) {
            throw new UsageException("-c must be at least 1");
        }
        if (parallel < 1) {
            throw new UsageException("-p must be at least 1");
        }
        if (rate != null && !(rate > 0)) {
            throw new UsageException("-q must be a positive number");
        }
        if (duration != null && duration.isZero()) {
            throw new UsageException("-z must be positive");
        }
        if (data != null && dataFile != null) {
            throw new UsageException("give either -d or -D, not both");
        }
        Protocol protocol = protocol();
        long n = requests != null ? requests : duration == null ? 200 : 0;
        Workload w = new Workload(connections, parallel, n, duration, rate == null ? 0 : rate, timeout);
        List<RequestTemplate.Header> hs = new ArrayList<>();
        for (String h : headers) {
            hs.add(RequestTemplate.Header.parse(h));
        }
        RequestTemplate request = new RequestTemplate(method, hs, body());
        return new RunSpec(target, protocol, insecure, request, w, connectTimeout, ioThreads, Duration.ofSeconds(1));
    }

    private byte[] body() {
        if (data != null) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        if (dataFile != null) {
            try {
                return Files.readAllBytes(dataFile);
            } catch (IOException e) {
                throw new UsageException("cannot read -D file " + dataFile + ": " + e.getMessage());
            }
        }
        return new byte[0];
    }
}
