package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.debug.DebugOption;
import dev.quiver.cli.options.HlogOption;
import dev.quiver.cli.options.LoadOptions;
import dev.quiver.cli.options.MetricsOptions;
import dev.quiver.cli.options.ShardOptions;
import dev.quiver.cli.options.ThresholdOptions;
import dev.quiver.cli.progress.ProgressLine;
import dev.quiver.cli.report.ReportKind;
import dev.quiver.cli.report.IntervalLogFile;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.cli.report.ShardReport;
import dev.quiver.cli.report.ThresholdReport;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver run URL}: one protocol, one report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load one URL (or, with --urls, several requests on its origin) over one protocol and print the report.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL to load; with --urls only its origin (scheme, host, port) is used.")
    String url;

    @Mixin
    LoadOptions load;

    @Mixin
    ShardOptions shards;

    @Mixin
    HlogOption hlog;

    @Option(names = "--json", description = "Print the report as JSON on stdout.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report (figures and charts, no network access needed to view it).")
    Path html;

    @Option(names = "--no-progress", description = "No progress line on stderr (it is off anyway when stderr is not a terminal).")
    boolean noProgress;

    @Mixin
    ThresholdOptions thresholds;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() {
        if (html != null) {
            ReportOutput.checkWritable(html);
        }
        if (hlog.file() != null) {
            IntervalLogFile.checkWritable(hlog.file());
        }
        RunSpec spec = shards.split(load.toSpec(url));
        EngineProvider engine = LoadRunner.engineFor(spec, load.engine());
        try (LiveFollow follow = LiveFollow.start(spec, thresholds, metrics, System.err)) {
            LoadOptions.checkRun(spec); // last: it makes the --qlog directory
            Consumer<Scheduler> live = follow.attach();
            RunResult result;
            try {
                result = LoadRunner.run(spec, engine, "run", !noProgress && ProgressLine.stderrIsTerminal() ? System.err : null,
                        s -> {
                            shards.prepare(s);
                            live.accept(s);
                        });
            } catch (TargetUnreachableException e) {
                return RunReports.unreachable(spec, e, System.err);
            }
            ThresholdReport judged = ThresholdReport.ofRun(follow.judge(result));
            boolean written = ReportOutput.write(ShardReport.run(ReportKind.RUN, shards.shard(), shards.startAt()), result, json, html,
                    System.out, System.err, spec.qlog(), judged);
            if (hlog.file() != null) {
                written &= IntervalLogFile.write(hlog.file(), result, System.err);
            }
            int exit = RunReports.withThresholds(RunReports.exitCode(result, System.err), judged, System.err);
            return exit == ExitCode.OK && !written ? ExitCode.INTERNAL : exit;
        }
    }
}
