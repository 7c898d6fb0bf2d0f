package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.compare.Comparison;
import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.compare.Variant;
import dev.quiver.cli.compare.VariantChoice;
import dev.quiver.cli.compare.VariantResult;
import dev.quiver.cli.debug.DebugOption;
import dev.quiver.cli.options.LoadOptions;
import dev.quiver.cli.options.ThresholdOptions;
import dev.quiver.cli.progress.ProgressBoard;
import dev.quiver.cli.progress.ProgressLine;
import dev.quiver.cli.report.ReportKind;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.cli.report.ThresholdReport;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.threshold.Threshold;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver compare URL}: the same load over every protocol and engine, one table, one HTML report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare protocols and engines: the same load over HTTP/1.1, HTTP/2 and every registered HTTP/3 engine, side by side.",
                "-p is streams per connection for HTTP/2 and HTTP/3; HTTP/1.1 gets -c x -p connections, so every variant has the same number of requests in flight. Takes every 'run' flag except --http and --engine."})
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL to load (HTTP/3 needs https://).")
    String url;

    @Option(names = "--protocols", paramLabel = "LIST",
            description = "Protocols to compare, comma-separated: 1.1, 2, 3. Default: all the URL allows (no 3 for http://).")
    String protocols;

    @Option(names = "--engines", paramLabel = "LIST",
            description = "Engines to compare, comma-separated, e.g. netty,kwik. Default: every registered engine.")
    String engines;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "1",
            description = "Rounds per variant, interleaved (A B C A B C ...); rounds are merged and their spread shown. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report (table and charts, no network access needed to view it).")
    Path html;

    @Option(names = "--json", description = "Print the comparison as JSON on stdout instead of the table.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress lines on stderr (they are off anyway when stderr is not a terminal).")
    boolean noProgress;

    @Mixin
    LoadOptions load;

    @Mixin
    ThresholdOptions thresholds;

    @Override
    public Integer call() {
        if (load.protocol() != null || load.engine() != null) {
            throw new UsageException("compare takes --protocols and --engines, not --http or --engine");
        }
        if (rounds < 1) {
            throw new UsageException("--rounds must be at least 1");
        }
        if (html != null) {
            ReportOutput.checkWritable(html);
        }
        if (thresholds.abort()) {
            throw new UsageException("--threshold-abort is for run and leak-check: compare judges each variant over all its rounds");
        }
        List<Threshold> judged = thresholds.thresholds();
        RunSpec spec = load.toSpec(url);
        List<Variant> variants = VariantChoice.select(spec.target(), protocols, engines, Engines.available());
        check(spec, variants);
        ProgressBoard board = !noProgress && ProgressLine.stderrIsTerminal()
                ? new ProgressBoard(System.err, variants.stream().map(Variant::label).toList()) : null;
        ComparisonResult result = Comparison.run(variants, spec, rounds, board);
        return report(result, json, html, System.out, System.err, judged);
    }

    /** Prints the table (or JSON), writes the HTML file, and returns the exit code. */
    static int report(ComparisonResult result, boolean json, Path html, PrintStream out, PrintStream err) {
        return report(result, json, html, out, err, List.of());
    }

    /** As {@link #report(ComparisonResult, boolean, Path, PrintStream, PrintStream)}, judging each variant's merged rounds. */
    static int report(ComparisonResult result, boolean json, Path html, PrintStream out, PrintStream err, List<Threshold> judged) {
        ThresholdReport verdicts = VariantThresholds.judge(result, judged);
        if (!ReportOutput.write(ReportKind.COMPARE, result, json, html, out, err, result.spec().qlog(), verdicts)) {
            return ExitCode.INTERNAL;
        }
        int exit = ExitCode.OK;
        for (VariantResult v : result.variants()) {
            if (v.ran() && !v.merged().streams().balanced()) {
                err.print(v.variant().label() + ": ");
                exit = Math.max(exit, RunReports.exitCode(v.merged(), err));
            }
        }
        if (exit == ExitCode.OK && !result.interrupted() && result.variants().stream().noneMatch(VariantResult::ran)) {
            err.println("quiver: target unreachable: " + result.spec().target().url() + ": no variant could connect");
            return ExitCode.UNREACHABLE;
        }
        return RunReports.withThresholds(exit, verdicts, err);
    }

    /**
     * What the variants ask of each protocol and of this machine, before the first one runs: the
     * request against every protocol's rules, and the most connections a variant opens (HTTP/1.1:
     * -c x -p) against the descriptors and ports there are.
     */
    static void check(RunSpec spec, List<Variant> variants) {
        if (spec.qlog().enabled() && variants.stream().noneMatch(v -> v.protocol() == Protocol.HTTP_3)) {
            throw new UsageException("--qlog records QUIC connections: it needs an HTTP/3 variant (--protocols with 3, an https:// URL)");
        }
        long c = spec.workload().connections();
        long p = spec.workload().streamsPerConnection();
        long most = c;
        for (Protocol protocol : variants.stream().map(Variant::protocol).distinct().toList()) {
            LoadOptions.checkRequest(spec, protocol, protocol == Protocol.HTTP_1_1 ? ""
                    : "; leave it out, or compare HTTP/1.1 alone (--protocols 1.1)");
            if (protocol == Protocol.HTTP_1_1) {
                most = Math.max(most, c * p);
            }
        }
        String what = most == c ? "-c " + c : "-c " + c + " x -p " + p + " (" + most + " HTTP/1.1 connections)";
        LoadOptions.checkConnections(spec, most, what);
        LoadOptions.prepareQlog(spec);
    }

}
