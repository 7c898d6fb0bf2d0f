package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.debug.DebugOption;
import dev.quiver.cli.lab.LabLinkControl;
import dev.quiver.cli.options.DurationConverter;
import dev.quiver.cli.options.QlogOptions;
import dev.quiver.cli.report.InteropText;
import dev.quiver.cli.report.ReportKind;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.cli.report.RunnerJson;
import dev.quiver.cli.signal.StopSignals;
import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.Target;
import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropCases;
import dev.quiver.core.interop.InteropEngine;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.InteropSession;
import dev.quiver.core.interop.InteropSettings;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver interop URL}: the QUIC/HTTP/3 interop cases against one server, on every HTTP/3 engine. */
@Command(name = "interop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run QUIC/HTTP/3 interop cases against a server with each HTTP/3 engine and print the "
                + "matrix: pass, fail (with the reason) or unsupported (the engine cannot do the case).",
                "Cases: handshake, transfer, multiplexing, http3, retry, resumption, zerortt, chacha20, keyupdate, "
                        + "v2, goaway, streamlimits; inside quiver lab also longrtt, transferloss, transfercorruption, "
                        + "handshakeloss, handshakecorruption, amplificationlimit (the server needs a large first flight: "
                        + "quiver lab --serve-args='--cert-chain 9'), blackhole, goodput (a measurement), rebind-port, rebind-addr, "
                        + "and ipv6 (outside a lab to [::1]) "
                        + "(each sets the lab's link it needs; elsewhere unsupported). With --www DIR quiver writes each case's files into the directory "
                        + "the server serves and checks every download byte-exact; without it the cases download the "
                        + "resource the URL's path (or --path) names. A server that does not meet a case's precondition "
                        + "(never sends a Retry or GOAWAY, a MAX_STREAMS too large to reach) gets 'not shown'."},
        footer = {"", "Exit code: 0 when no case failed (not shown and unsupported are no failures), 5 when a case failed, 2 on bad input"
                + "; 1 when the --html or --runner-json file could not be written.",
                "Ctrl-C or SIGTERM prints the cells so far; then 5 if a finished case failed, else 130 (SIGINT) or 143 (SIGTERM)."})
public final class InteropCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "URL", description = "https:// URL of the HTTP/3 server (UDP on its port).")
    String url;

    @Option(names = "--engines", paramLabel = "LIST", split = ",",
            description = "HTTP/3 engines to test, comma-separated (default: every HTTP/3 engine).")
    List<String> engines;

    @Option(names = "--cases", paramLabel = "LIST", split = ",",
            description = "Cases to run, comma-separated (default: all).")
    List<String> cases;

    @Option(names = {"-k", "--insecure"}, description = "Accept any server certificate.")
    boolean insecure;

    @Option(names = "--case-timeout", paramLabel = "D", converter = DurationConverter.class, defaultValue = "20s",
            description = "Time one case may take on one engine, all its connections included (default: ${DEFAULT-VALUE}); "
                    + "handshakeloss and handshakecorruption get at least 300s, blackhole and goodput 60s (the runner's).")
    Duration caseTimeout;

    @Option(names = "--www", paramLabel = "DIR",
            description = "The directory the server serves (its document root, under the URL's path): quiver writes "
                    + "each case's files there (random content, the interop runner's sizes), checks every download "
                    + "byte-exact against them, and removes them after the case.")
    Path www;

    @Option(names = "--path", paramLabel = "PATH",
            description = "Without --www: the resource on the server the cases download (default: the URL's path); "
                    + "each download must equal the first in size and SHA-256.")
    String path;

    @Option(names = "--case-setting", paramLabel = "CASE.NAME=N",
            description = "A case's number instead of the interop runner's (repeatable): handshakeloss.handshakes, "
                    + "handshakecorruption.handshakes (default 50), blackhole.bytes, goodput.bytes (default 10485760).")
    List<String> caseSettingTexts;

    @Option(names = "--json", description = "Print the matrix as JSON on stdout.")
    boolean json;

    @Option(names = "--runner-json", paramLabel = "FILE",
            description = "Also write the matrix in the QUIC interop runner's result.json shape (quiver's engines as "
                    + "the clients quiver-netty, quiver-kwik; not shown as unsupported).")
    Path runnerJson;

    @Mixin
    QlogOptions qlogOptions;

    /** Each engine's QUIC stack's homepage, for the runner's result format. */
    private final Map<String, String> homepages = new LinkedHashMap<>();
    private Instant started;

    /** Where the cases' QUIC connections write their qlog; set once the line is checked. */
    private QlogFiles qlog = QlogFiles.OFF;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report: the matrix coloured by verdict and what each cell saw.")
    Path html;

    @Override
    public Integer call() {
        Target target;
        try {
            target = Target.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!target.tls()) {
            throw new UsageException("interop needs an https:// URL (HTTP/3 runs over QUIC, which is always encrypted)");
        }
        if (caseTimeout.isZero() || caseTimeout.isNegative()) {
            throw new UsageException("--case-timeout must be more than 0");
        }
        if (html != null) {
            ReportOutput.checkWritable(html);
        }
        if (runnerJson != null) {
            Path dir = runnerJson.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir) || Files.isDirectory(runnerJson)) {
                throw new UsageException("--runner-json: cannot write " + runnerJson + " (no such directory, or not writable)");
            }
        }
        checkResources();
        Map<String, Long> caseSettings = caseSettings();
        List<InteropCase> selectedCases = selectCases();
        List<InteropEngine> runners = selectEngines();
        qlog = qlogOptions.files();
        QlogOptions.prepare(qlog); // last check: a refused line makes no directory
        InteropSettings settings = new InteropSettings(target, insecure, caseTimeout, qlog, null,
                www == null ? null : www.toAbsolutePath(), path, LabLinkControl.fromEnvironment(), caseSettings);
        // Ctrl-C or SIGTERM prints the cells finished so far: the cases that ran are worth seeing.
        // The cells run on a thread of their own, so that a signal ends the wait for the one under way.
        List<CaseResult> done = Collections.synchronizedList(new ArrayList<>());
        List<String> engineNames = runners.stream().map(InteropEngine::name).toList();
        runners.forEach(r -> homepages.put(r.name(), r.homepage()));
        started = Instant.now();
        StopSignals.install();
        if (!json) {
            System.err.println("quiver interop: " + selectedCases.size() + " cases x " + engineNames.size()
                    + " engines (" + String.join(", ", engineNames) + ") against " + url);
        }
        Consumer<CaseResult> progress = r -> {
            done.add(r);
            if (!json) {
                System.err.println(InteropText.progressLine(r));
            }
        };
        CompletableFuture<InteropMatrix> session = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("quiver-interop").start(() -> {
            try {
                session.complete(InteropSession.run(settings, selectedCases, runners, progress));
            } catch (Throwable t) {
                session.completeExceptionally(t);
            }
        });
        StopSignals.Kind stoppedBy;
        try (StopSignals.Registration ignored = StopSignals.onStop(kind -> session.cancel(false))) {
            return exitCode(session.join());
        } catch (CancellationException e) {
            stoppedBy = StopSignals.received();
        }
        // The cell under way is left to its daemon thread; the ones that finished are the report.
        InteropMatrix partial = new InteropMatrix(url, selectedCases, engineNames, List.copyOf(done));
        System.err.println("quiver: " + stoppedBy.describe() + "; the matrix so far:");
        print(partial);
        // An incomplete matrix proves no pass: 5 when a finished case failed, else the signal's code.
        return partial.count(Verdict.FAIL) > 0 ? ExitCode.INTEROP_FAILED : stoppedBy.exitCode();
    }

    private int exitCode(InteropMatrix matrix) {
        boolean written = print(matrix);
        return !matrix.allSupportedPassed() ? ExitCode.INTEROP_FAILED : written ? ExitCode.OK : ExitCode.INTERNAL;
    }

    /** Prints the matrix and writes its page and the runner's result file; false when one could not be written. */
    private boolean print(InteropMatrix matrix) {
        boolean written = ReportOutput.write(ReportKind.INTEROP, matrix, json, html, System.out, System.err, qlog);
        if (runnerJson == null) {
            return written;
        }
        try {
            Files.writeString(runnerJson, RunnerJson.render(matrix, started, Instant.now(),
                    qlog.enabled() ? qlog.dir().toString() : null, homepages));
            System.err.println("quiver: interop runner result written to " + runnerJson);
            return written;
        } catch (java.io.IOException e) {
            System.err.println("quiver: cannot write " + runnerJson + ": " + e.getMessage());
            return false;
        }
    }

    private void checkResources() {
        if (www != null && path != null) {
            throw new UsageException("--www and --path exclude each other: with --www the cases download the files quiver writes");
        }
        if (www != null && !(Files.isDirectory(www) && Files.isWritable(www))) {
            throw new UsageException("--www " + www + ": not a directory quiver can write to");
        }
        if (path != null && !path.startsWith("/")) {
            throw new UsageException("--path must start with / (got '" + path + "')");
        }
    }

    private Map<String, Long> caseSettings() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (caseSettingTexts != null) {
            for (String t : caseSettingTexts) {
                try {
                    var e = InteropCases.parseSetting(t);
                    out.put(e.getKey(), e.getValue());
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        return out;
    }

    private List<InteropCase> selectCases() {
        if (cases == null) {
            return InteropCases.all();
        }
        if (cases.stream().allMatch(String::isBlank)) {
            throw new UsageException("--cases: give at least one case (or leave the flag out for all)");
        }
        List<InteropCase> out = new ArrayList<>();
        for (String name : cases) {
            if (name.isBlank()) {
                continue;
            }
            try {
                InteropCase c = InteropCases.parse(name);
                if (!out.contains(c)) {
                    out.add(c);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return out;
    }

    private List<InteropEngine> selectEngines() {
        List<InteropEngine> all = new ArrayList<>();
        ServiceLoader.load(InteropEngine.class).forEach(all::add);
        if (engines != null && engines.stream().allMatch(String::isBlank)) {
            throw new UsageException("--engines: give at least one engine (or leave the flag out for all)");
        }
        if (engines == null) {
            if (all.isEmpty()) {
                throw new UsageException("no HTTP/3 engine with interop cases is available");
            }
            return all;
        }
        List<InteropEngine> out = new ArrayList<>();
        for (String name : engines) {
            if (name.isBlank()) {
                continue;
            }
            String n = name.trim().toLowerCase(Locale.ROOT);
            InteropEngine e = all.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow(() ->
                    new UsageException("unknown engine '" + name + "' for interop (available: "
                            + String.join(", ", all.stream().map(InteropEngine::name).toList()) + ")"));
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }
}
