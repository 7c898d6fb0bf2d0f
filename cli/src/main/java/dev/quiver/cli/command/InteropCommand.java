package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.options.DurationConverter;
import dev.quiver.cli.report.InteropText;
import dev.quiver.cli.report.ReportKind;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.core.engine.Target;
import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.InteropRunner;
import dev.quiver.core.interop.InteropRunners;
import dev.quiver.core.interop.InteropSession;
import dev.quiver.core.interop.InteropSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver interop URL}: the QUIC/HTTP/3 interop cases against one server, on every HTTP/3 engine. */
@Command(name = "interop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run QUIC/HTTP/3 interop cases against a server with each HTTP/3 engine and print the "
                + "matrix: pass, fail (with the reason) or unsupported (the engine cannot do the case).",
                "Cases: handshake, transfer, multiplexing, http3, retry, resumption, zerortt, chacha20, keyupdate, "
                        + "v2, goaway, streamlimits. transfer and http3 fetch /bytes/N from the server; retry needs a "
                        + "server that sends a Retry (quiver serve --retry), goaway one that sends GOAWAY "
                        + "(--goaway-every N), streamlimits a small MAX_STREAMS (--max-streams 5)."},
        footer = {"", "Exit code: 0 when every case an engine supports passed, 5 when a case failed, 2 on bad input."})
public final class InteropCommand implements Callable<Integer> {

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
            description = "Time one case may take on one engine, all its connections included (default: ${DEFAULT-VALUE}).")
    Duration caseTimeout;

    @Option(names = "--json", description = "Print the matrix as JSON on stdout.")
    boolean json;

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
        List<InteropCase> selectedCases = selectCases();
        List<InteropRunner> runners = selectRunners();
        InteropSettings settings = new InteropSettings(target, insecure, caseTimeout);
        // Ctrl-C prints the cells finished so far: the cases that ran are worth seeing.
        List<CaseResult> done = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean printed = new AtomicBoolean();
        List<String> engineNames = runners.stream().map(InteropRunner::engine).toList();
        Thread onInterrupt = new Thread(() -> {
            if (printed.compareAndSet(false, true)) {
                System.err.println("quiver: interrupted; the matrix so far:");
                print(new InteropMatrix(url, selectedCases, engineNames, List.copyOf(done)));
            }
        }, "quiver-interop-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
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
        InteropMatrix matrix = InteropSession.run(settings, selectedCases, runners, progress);
        if (printed.compareAndSet(false, true)) {
            print(matrix);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return matrix.allSupportedPassed() ? ExitCode.OK : ExitCode.INTEROP_FAILED;
    }

    private void print(InteropMatrix matrix) {
        ReportOutput.write(ReportKind.INTEROP, matrix, json, null, System.out, System.err);
    }

    private List<InteropCase> selectCases() {
        if (cases == null || cases.isEmpty()) {
            return Arrays.asList(InteropCase.values());
        }
        List<InteropCase> out = new ArrayList<>();
        for (String name : cases) {
            try {
                InteropCase c = InteropCase.parse(name);
                if (!out.contains(c)) {
                    out.add(c);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return out;
    }

    private List<InteropRunner> selectRunners() {
        List<InteropRunner> all = InteropRunners.available();
        if (engines == null || engines.isEmpty()) {
            if (all.isEmpty()) {
                throw new UsageException("no HTTP/3 engine with interop cases is available");
            }
            return all;
        }
        List<InteropRunner> out = new ArrayList<>();
        for (String name : engines) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            InteropRunner r = all.stream().filter(x -> x.engine().equals(n)).findFirst().orElseThrow(() ->
                    new UsageException("unknown engine '" + name + "' for interop (available: "
                            + String.join(", ", all.stream().map(InteropRunner::engine).toList()) + ")"));
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
