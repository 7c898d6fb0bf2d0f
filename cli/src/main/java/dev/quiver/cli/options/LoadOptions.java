package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.urls.UrlsFile;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestRules;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The workload flags every load command shares; names follow oha where they overlap. */
public final class LoadOptions {

    /** Largest request body -D reads: the body is held in memory once and sent with every request. */
    public static final int MAX_BODY_BYTES = 16 << 20;
    /** More event loops than this only cost threads and descriptors: a load is bound by the cores long before. */
    static final int MAX_IO_THREADS = 256;

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

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Load for this long first, at the same settings and on the same connections, then measure: "
                    + "nothing of the warm-up counts (its errors are listed apart); -n and -z are of the measured part. Default: none.")
    Duration warmup;

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

    @Option(names = {"-D", "--data-file"}, paramLabel = "FILE",
            description = "Request body from a regular file of at most 16 MiB.")
    Path dataFile;

    @Option(names = "--urls", paramLabel = "FILE",
            description = "Several requests in one run, all to the URL's origin over the same connections: one per line, "
                    + "'[WEIGHT] METHOD PATH [-H 'Name: value']... [-d BODY|@FILE]' (weight default 1; blank lines and # comments "
                    + "skipped; @FILE relative to this file, at most 16 MiB). Chosen by smooth weighted round robin; the report "
                    + "gets a row per request (at most 32, the rest as 'other'). The URL's own path is not used; -H applies to "
                    + "every line (a line's own field of the same name wins); -m, -d and -D cannot be given with it.")
    Path urls;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "Request timeout; a request still open after it ends as timed_out. 0 turns it off. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Timeout for TCP connect plus TLS handshake, or the QUIC handshake; more than 0. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--max-connecting", paramLabel = "N", defaultValue = "" + Workload.DEFAULT_MAX_CONNECTING,
            description = "At most N connects (TCP connect plus TLS handshake, or the QUIC handshake) under way at once;"
                    + " the others wait their turn. Default: ${DEFAULT-VALUE}.")
    int maxConnecting;

    @Option(names = "--http", paramLabel = "VERSION",
            description = "HTTP version: 1.1, 2 or 3. Default: HTTP/1.1 for http://, ALPN (h2 preferred) for https://.")
    String http;

    @Option(names = {"-k", "--insecure"}, description = "Accept any server certificate.")
    boolean insecure;

    @Option(names = "--engine", paramLabel = "NAME", description = "Protocol engine (default: the protocol's default engine).")
    String engine;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Event-loop threads, 1 to " + MAX_IO_THREADS + " (default: one per core, at most one per connection).")
    Integer ioThreads;

    @Option(names = "--busy-poll",
            description = "HTTP/1.1 and HTTP/2 on Linux (epoll): event loops spin on their sockets instead of sleeping until one "
                    + "is ready. Each loop keeps a core busy, and a server on the same cores is no longer preempted by the "
                    + "client waking up (use with --io-threads to leave it the rest); the time spun idle is not counted "
                    + "as the client's load.")
    boolean busyPoll;

    @Mixin
    QlogOptions qlog;

    @Mixin
    RampOptions ramp;

    /** The command these options belong to: whether -c was given is read from its parse result. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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

    /** {@code -z}, or the stages' total of a ramp without it, or null when neither is given. */
    public Duration duration() {
        Duration stages = duration == null ? ramp.total() : null;
        return stages != null ? stages : duration;
    }

    /** Checks the flags and builds the run; bad input is a {@link UsageException}. */
    public RunSpec toSpec(String url) {
        return toSpec(url, Duration.ZERO);
    }

    /** As {@link #toSpec(String)}, with this warm-up when {@code --warmup} is not given (leak-check has one by default). */
    public RunSpec toSpec(String url, Duration defaultWarmup) {
        try {
            return buildSpec(url, warmup != null ? warmup : defaultWarmup);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private RunSpec buildSpec(String url, Duration warm) {
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
        if (connectTimeout.isZero()) {
            throw new UsageException("--connect-timeout must be more than 0");
        }
        if (maxConnecting < 1) {
            throw new UsageException("--max-connecting must be at least 1, got " + maxConnecting);
        }
        if (ioThreads != null && (ioThreads < 1 || ioThreads > MAX_IO_THREADS)) {
            throw new UsageException("--io-threads must be from 1 to " + MAX_IO_THREADS + ", got " + ioThreads);
        }
        Protocol protocol = protocol();
        if (protocol != null) {
            ProtocolScheme.check(protocol, target, "--http " + protocol.flag());
        }
        QlogFiles qlogFiles = qlog.files();
        if (qlog.given() && protocol != null && protocol != Protocol.HTTP_3) {
            throw new UsageException("--qlog records QUIC connections: it needs --http 3, not --http " + protocol.flag());
        }
        Ramp stages = ramp.ramp(duration, rate, given("-c"));
        Duration z = stages != null ? stages.total() : duration;
        int c = stages != null && stages.kind() == RampKind.CONNECTIONS ? (int) stages.max() : connections;
        long n = requests != null ? requests : z == null ? 200 : 0;
        Workload w = new Workload(c, parallel, n, z, rate == null ? 0 : rate, timeout, warm, stages, maxConnecting);
        List<RequestTemplate.Header> hs = new ArrayList<>();
        for (String h : headers) {
            hs.add(RequestTemplate.Header.parse(h));
        }
        return new RunSpec(target, protocol, insecure, requests(target, hs), w, connectTimeout,
                ioThreads == null ? 0 : ioThreads, Duration.ofSeconds(1), qlogFiles, busyPoll);
    }

    /** The URL's one request, or the lines of {@code --urls}. */
    private RequestMix requests(Target target, List<RequestTemplate.Header> hs) {
        if (urls == null) {
            RequestTemplate request = new RequestTemplate(method, hs, body());
            RequestRules.checkMethod(request.method());
            return RequestMix.single(request, target);
        }
        if (given("-m") || data != null || dataFile != null) {
            throw new UsageException("--urls: each line gives its method and body; -m, -d and -D cannot be given with it");
        }
        return UrlsFile.read(urls, hs);
    }

    /** Makes the {@code --qlog} directory: the last check of a command ({@link QlogOptions#prepare}). */
    public static void prepareQlog(RunSpec spec) {
        QlogOptions.prepare(spec.qlog());
    }

    /**
     * Checks what one run (run, leak-check) asks of the protocol and of this machine: the request
     * against the protocol's rules (for https:// without --http, HTTP/1.1 and HTTP/2, either of
     * which ALPN may choose), and -c against the descriptors and local ports there are.
     */
    public static void checkRun(RunSpec spec) {
        Protocol p = spec.protocol();
        if (spec.qlog().enabled() && p != Protocol.HTTP_3) {
            throw new UsageException("--qlog records QUIC connections: it needs --http 3");
        }
        if (p != null) {
            checkRequest(spec, p, "");
        } else {
            checkRequest(spec, Protocol.HTTP_1_1, "");
            if (spec.target().tls()) {
                checkRequest(spec, Protocol.HTTP_2, "; https:// may negotiate HTTP/2: give --http 1.1 to send it");
            }
        }
        checkConnections(spec, spec.workload().connections(), "-c " + spec.workload().connections());
        prepareQlog(spec);
    }

    /** The request against {@code protocol}'s rules; {@code hint} ends the message when it breaks one. */
    public static void checkRequest(RunSpec spec, Protocol protocol, String hint) {
        for (RequestMix.Entry e : spec.requests().entries()) {
            try {
                RequestRules.check(e.request(), protocol);
            } catch (IllegalArgumentException ex) {
                String where = e.source().isEmpty() ? "" : "--urls " + e.source() + ": ";
                throw new UsageException(where + ex.getMessage() + hint);
            }
        }
    }

    /** {@code connections} sockets (and the run's event loops) against this process's limits; {@code what} names them. */
    public static void checkConnections(RunSpec spec, long connections, String what) {
        int threads = spec.engineConfig().ioThreads();
        ConnectionLimits.current().check(connections, threads, what);
    }

    private boolean given(String option) {
        CommandLine line = command == null ? null : command.commandLine();
        return line != null && line.getParseResult() != null && line.getParseResult().hasMatchedOption(option);
    }

    private byte[] body() {
        if (data != null) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        if (dataFile != null) {
            return BodyFile.read(dataFile, MAX_BODY_BYTES);
        }
        return new byte[0];
    }
}
