package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.merge.MergedRun;
import dev.quiver.cli.merge.ShardFile;
import dev.quiver.cli.options.ThresholdOptions;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.cli.report.ShardReport;
import dev.quiver.cli.report.ThresholdReport;
import dev.quiver.core.threshold.Threshold;
import dev.quiver.core.threshold.Thresholds;
import dev.quiver.core.engine.QlogFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver merge FILES...}: the JSON reports of shards (or any runs) as one report, exactly. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Merge the JSON reports of runs that loaded the same target (the shards of one load, --shard i/N) into one "
                + "report: percentiles from the added histograms (as one histogram holding every sample), counts summed, intervals "
                + "on the wall clock, req/s over the union of the load windows, and a row per file.")
public final class MergeCommand implements Callable<Integer> {

    /** More files than this is no load's shards but a mistake (a glob over a whole directory tree). */
    static final int MAX_FILES = 10_000;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON reports of 'quiver run --json' (also with --shard).")
    List<Path> files;

    @Option(names = "--json", description = "Print the merged report as JSON on stdout (a run's keys, plus shards).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the merged report as a self-contained HTML page.")
    Path html;

    /** Judged on the merged report, as {@code run} judges its own: a fleet's p99 is the merged histogram's. */
    @Mixin
    ThresholdOptions thresholds;

    @Override
    public Integer call() {
        if (files.size() > MAX_FILES) {
            throw new UsageException("at most " + MAX_FILES + " files, got " + files.size());
        }
        List<Threshold> judged = thresholds.thresholds();
        if (thresholds.abort()) {
            throw new UsageException("--threshold-abort ends a running load early; merge judges finished runs (use --threshold alone)");
        }
        if (html != null) {
            ReportOutput.checkWritable(html);
        }
        List<ShardFile> parts = new ArrayList<>();
        for (Path f : files) {
            parts.add(ShardFile.read(f));
        }
        return report(MergedRun.of(parts), judged, json, html, System.out, System.err);
    }

    /**
     * Prints a merged report and returns the exit code: 4 when a part's books do not balance (each
     * such part named on {@code err}), else 7 when a threshold failed on the merged run; problems
     * with the shard numbers are said on {@code err}.
     */
    static int report(MergedRun merged, List<Threshold> thresholds, boolean json, Path html, PrintStream out, PrintStream err) {
        for (String problem : merged.shardProblems()) {
            err.println("quiver: warning: " + problem);
        }
        ThresholdReport judged = thresholds.isEmpty() ? ThresholdReport.NONE
                : ThresholdReport.ofRun(Thresholds.evaluate(thresholds, merged.merged()));
        boolean written = ReportOutput.write(ShardReport.MERGE, merged, json, html, out, err, QlogFiles.OFF, judged);
        List<ShardFile> unbalanced = merged.unbalanced();
        for (ShardFile p : unbalanced) {
            err.println("quiver: stream leak in " + p.name() + ": " + p.result().leakedStreams()
                    + " streams never reached a terminal state (live " + p.result().streams().live() + ", double terminal "
                    + p.result().streams().doubleTerminal() + ")");
        }
        int exit = RunReports.withThresholds(unbalanced.isEmpty() ? ExitCode.OK : ExitCode.STREAM_LEAK, judged, err);
        return exit == ExitCode.OK && !written ? ExitCode.INTERNAL : exit;
    }
}
