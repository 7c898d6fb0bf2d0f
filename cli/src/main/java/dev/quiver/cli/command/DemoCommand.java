package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.compare.Comparison;
import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.compare.Variant;
import dev.quiver.cli.compare.VariantChoice;
import dev.quiver.cli.debug.DebugOption;
import dev.quiver.cli.options.ConnectionLimits;
import dev.quiver.cli.options.DurationConverter;
import dev.quiver.cli.progress.ProgressBoard;
import dev.quiver.cli.progress.ProgressLine;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Workload;
import dev.quiver.server.ReferenceServers;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.tcp.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quiver demo}: starts the embedded servers in-process and compares every protocol and engine against them. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the embedded servers in this process and compare every protocol and engine against them; no set-up needed.",
                "Runs as 'quiver compare' does, prints the table and writes the HTML report (demo-report.html)."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Option(names = {"-z", "--duration"}, defaultValue = "3s", converter = DurationConverter.class,
            description = "How long each variant runs. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = {"-c", "--connections"}, defaultValue = "10", description = "Connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = {"-p", "--parallel"}, defaultValue = "10",
            description = "Streams per HTTP/2 and HTTP/3 connection (HTTP/1.1 gets -c x -p connections). Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--html", paramLabel = "FILE", defaultValue = "demo-report.html",
            description = "Where the HTML report goes. Default: ${DEFAULT-VALUE}.")
    Path html;

    @Option(names = "--no-progress", description = "No progress lines on stderr.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Workload w;
        try {
            w = new Workload(connections, parallel, 0, duration, 0, Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ReportOutput.checkWritable(html);
        // HTTP/1.1 gets -c x -p connections, and the servers' ends of them live in this process too.
        long h1 = (long) connections * parallel;
        int cores = Runtime.getRuntime().availableProcessors();
        ConnectionLimits.current().check(2 * h1, 2 * cores,
                "-c " + connections + " x -p " + parallel + " (" + h1 + " HTTP/1.1 connections, both ends in this process)");
        try (ReferenceServers servers = ReferenceServers.start(
                ServerConfig.builder().tlsPort(0).plainPort(0).build(), Http3ServerConfig.builder(), true)) {
            System.out.println("demo servers: " + servers.describe());
            System.out.println();
            Target target = Target.parse("https://127.0.0.1:" + servers.tlsPort() + "/");
            RunSpec spec = new RunSpec(target, null, true, RequestTemplate.get(), w, Duration.ofSeconds(5), 0, Duration.ofSeconds(1));
            List<Variant> variants = VariantChoice.select(target, null, null, Engines.available());
            ProgressBoard board = !noProgress && ProgressLine.stderrIsTerminal()
                    ? new ProgressBoard(System.err, variants.stream().map(Variant::label).toList()) : null;
            ComparisonResult result = Comparison.run(variants, spec, 1, board);
            int exit = CompareCommand.report(result, false, html, System.out, System.err);
            return exit == ExitCode.UNREACHABLE ? ExitCode.INTERNAL : exit;
        }
    }
}
