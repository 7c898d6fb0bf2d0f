package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.debug.DebugOption;
import dev.quiver.cli.leak.ExpvarWatcher;
import dev.quiver.cli.leak.PprofWatcher;
import dev.quiver.cli.leak.ProcessWatcher;
import dev.quiver.cli.leak.PrometheusWatcher;
import dev.quiver.cli.leak.QuiverWatcher;
import dev.quiver.cli.leak.StreamCreditWatcher;
import dev.quiver.cli.options.DurationConverter;
import dev.quiver.cli.options.LoadOptions;
import dev.quiver.cli.options.MetricsOptions;
import dev.quiver.cli.options.ThresholdOptions;
import dev.quiver.cli.progress.ProgressLine;
import dev.quiver.cli.report.LeakCheckResult;
import dev.quiver.cli.report.LeakTextReport;
import dev.quiver.cli.report.ReportKind;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.cli.report.ThresholdReport;
import dev.quiver.cli.signal.StopSignals;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.leak.LeakMonitor;
import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.leak.Limits;
import dev.quiver.core.leak.Phase;
import dev.quiver.core.leak.Verdict;
import dev.quiver.core.leak.Watcher;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver leak-check URL}: baseline, warm-up, load, cool-down, while watchers sample the
 * server (and quiver itself); a verdict per resource and an exit code for CI.
 */
@Command(name = "leak-check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a URL and watch the server's resources: a leak verdict per resource and an exit code for CI.",
                "Phases: baseline (no load), warm-up (--warmup, before -z, not judged; here its default is 20%% of -z, at most 10s), "
                        + "load (-z), cool-down (no load).",
                "A resource leaks when its growth per 1k completed requests is certain to exceed --max-slope and it keeps "
                        + "more than --max-retained above its baseline after cool-down; one that comes back is a pool, not a leak.",
                "quiver's own live streams, live heap and sockets, and the server's stream credit (HTTP/2, HTTP/3), are always watched."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no leak found", "  1  the --html file could not be written (the report was printed)", "  2  bad input", "  3  target unreachable",
                "  4  quiver's own books do not balance (as for run)", "  5  leak found",
                "  6  no leak found, but a watcher gave no verdict (unknown)",
                "  7  a --threshold failed on the load (a leak, 5, or quiver's books, 4, outrank it)",
                "  130, 143  Ctrl-C (SIGINT) or SIGTERM during the baseline; later, the report prints and the code is as above"})
public final class LeakCheckCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL to load.")
    String url;

    @Mixin
    LoadOptions load;

    @Option(names = "--watch-pid", paramLabel = "PID", description = "Watch RSS, open fds and threads of this process (/proc); repeatable.")
    List<Long> pids = new ArrayList<>();

    @Option(names = "--watch-prometheus", paramLabel = "URL",
            description = "Watch gauges on this Prometheus text page: process_resident_memory_bytes, process_open_fds, go_goroutines, "
                    + "go_memstats_heap_inuse_bytes, jvm_memory_used_bytes, jvm_threads_live_threads, and each --metric; repeatable.")
    List<String> prometheus = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "NAME", description = "One more Prometheus gauge to watch (series summed over labels); repeatable.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--watch-expvar", paramLabel = "URL", description = "Watch Go expvar JSON (memstats.HeapInuse, memstats.HeapObjects, goroutines); repeatable.")
    List<String> expvar = new ArrayList<>();

    @Option(names = "--watch-pprof", paramLabel = "URL", description = "Watch the goroutine count of a Go pprof page (goroutine?debug=1); repeatable.")
    List<String> pprof = new ArrayList<>();

    @Option(names = "--sample-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Time between samples. Default: ${DEFAULT-VALUE}.")
    Duration sampleInterval;

    @Option(names = "--baseline", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3s",
            description = "Sampling before the load. Default: ${DEFAULT-VALUE}.")
    Duration baseline;

    @Option(names = "--cooldown", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Sampling after the load; 0 for none (then the slope alone decides). Default: ${DEFAULT-VALUE}.")
    Duration cooldown;

    @Option(names = "--max-slope", paramLabel = "UNIT=VALUE",
            description = "Growth per 1k requests still fine, per unit: bytes=1MiB (default), count=1 (default), ms=1000 (default); repeatable.")
    List<String> maxSlopes = new ArrayList<>();

    @Option(names = "--max-retained", paramLabel = "PERCENT", defaultValue = "10",
            description = "How far above its baseline a resource may stay after cool-down, in percent. Default: ${DEFAULT-VALUE}.")
    double maxRetained;

    @Option(names = "--json", description = "Print the verdicts, every sample and the load report as JSON on stdout.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report: the verdict per resource, its readings over the phases "
                    + "as plots, and the load's own run report.")
    Path html;

    @Option(names = "--no-progress", description = "No progress line on stderr (it is off anyway when stderr is not a terminal).")
    boolean noProgress;

    @Mixin
    ThresholdOptions thresholds;

    @Mixin
    MetricsOptions live;

    @Override
    public Integer call() throws Exception {
        Duration z = load.duration();
        if (z == null) {
            throw new UsageException("leak-check needs -z DURATION (the length of the load)");
        }
        if (html != null) {
            ReportOutput.checkWritable(html);
        }
        // Pools fill and JITs compile in the warm-up; what grows then is not judged.
        RunSpec spec = load.toSpec(url, min(Duration.ofSeconds(10), z.dividedBy(5)));
        LoadOptions.checkRun(spec);
        Duration warm = spec.workload().warmup();
        if (sampleInterval.toMillis() < 10) {
            throw new UsageException("--sample-interval must be at least 10ms");
        }
        if (!(maxRetained >= 0)) {
            throw new UsageException("--max-retained must be a percentage >= 0");
        }
        Limits limits = limits();
        EngineProvider engine = LoadRunner.engineFor(spec, load.engine());
        AtomicReference<Scheduler> running = new AtomicReference<>();
        List<Watcher> watchers = watchers(spec, running);
        try (LiveFollow follow = LiveFollow.start(spec, thresholds, live, System.err)) {
            return check(spec, warm, limits, engine, running, watchers, follow);
        }
    }

    private int check(RunSpec spec, Duration warm, Limits limits, EngineProvider engine, AtomicReference<Scheduler> running,
                      List<Watcher> watchers, LiveFollow follow) throws InterruptedException {

        LeakMonitor monitor = new LeakMonitor(watchers, () -> {
            Scheduler s = running.get();
            return s == null ? 0 : s.finishedRequests();
        }, System.err::println);
        // Ctrl-C or SIGTERM from here on: during the baseline nothing has been judged yet and the command
        // ends; during the load the load stops; during the cool-down the cool-down ends; the report prints.
        StopSignals.install();
        monitor.start(sampleInterval.toMillis());
        RunResult result;
        try {
            pause(baseline);
            if (LoadRunner.stopRequested()) {
                StopSignals.Kind k = StopSignals.received();
                System.err.println("quiver: " + k.describe() + " during the baseline, before any load: nothing to judge");
                return k.exitCode();
            }
            monitor.phase(Phase.WARMUP);
            try {
                // The scheduler's warm-up: the load phase, judged, begins where its measured part does.
                result = LoadRunner.run(spec, engine, "leak-check", !noProgress && ProgressLine.stderrIsTerminal() ? System.err : null,
                        s -> {
                            running.set(s);
                            s.onMeasuredStart(() -> monitor.phase(Phase.LOAD));
                            follow.attach().accept(s);
                        });
            } catch (TargetUnreachableException e) {
                return RunReports.unreachable(spec, e, System.err);
            }
            monitor.phase(Phase.COOLDOWN);
            pause(cooldown);
        } finally {
            monitor.stop();
        }
        LeakReport report = monitor.report(limits);
        var phases = new LeakTextReport.Phases(baseline, warm, result.durationSeconds(), cooldown, sampleInterval);
        ThresholdReport judged = ThresholdReport.ofRun(follow.judge(result));
        boolean written = ReportOutput.write(ReportKind.LEAK_CHECK, new LeakCheckResult(report, phases, result), json, html,
                System.out, System.err, spec.qlog(), judged);
        int exit = RunReports.withThresholds(exitCode(report, result), judged, System.err);
        return exit == ExitCode.OK && !written ? ExitCode.INTERNAL : exit;
    }

    private static int exitCode(LeakReport report, RunResult result) {
        Verdict overall = report.overall();
        if (overall == Verdict.LEAK) {
            report.leaks().forEach(r -> System.err.println("quiver: leak: " + r.resource().name() + ": " + r.reason()));
            return ExitCode.LEAK;
        }
        int books = RunReports.exitCode(result, System.err);
        if (books != ExitCode.OK) {
            return books;
        }
        if (overall == Verdict.UNKNOWN) {
            System.err.println("quiver: no leak found, but some watchers gave no verdict (unknown)");
            return ExitCode.LEAK_UNKNOWN;
        }
        return ExitCode.OK;
    }

    private List<Watcher> watchers(RunSpec spec, AtomicReference<Scheduler> running) {
        List<Watcher> w = new ArrayList<>();
        w.add(new QuiverWatcher(running::get));
        if (spec.protocol() != Protocol.HTTP_1_1 && (spec.protocol() != null || spec.target().tls())) {
            w.add(new StreamCreditWatcher(running::get));
        }
        try {
            for (long pid : pids) {
                w.add(new ProcessWatcher(pid));
            }
            for (String u : prometheus) {
                w.add(new PrometheusWatcher(u, metrics));
            }
            if (prometheus.isEmpty() && !metrics.isEmpty()) {
                throw new UsageException("--metric needs --watch-prometheus URL");
            }
            for (String u : expvar) {
                w.add(new ExpvarWatcher(u));
            }
            for (String u : pprof) {
                w.add(new PprofWatcher(u));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return w;
    }

    private Limits limits() {
        Limits l = Limits.defaults().withMaxRetained(maxRetained / 100);
        for (String s : maxSlopes) {
            String[] kv = s.split("=", 2);
            if (kv.length != 2) {
                throw new UsageException("--max-slope wants UNIT=VALUE (bytes=1MiB, count=2, ms=500), got '" + s + "'");
            }
            l = switch (kv[0].trim().toLowerCase()) {
                case "bytes" -> l.withMaxSlope(dev.quiver.core.leak.Resource.Unit.BYTES, ByteSize.parse(kv[1]));
                case "count" -> l.withMaxSlope(dev.quiver.core.leak.Resource.Unit.COUNT, number(kv[1]));
                case "ms" -> l.withMaxSlope(dev.quiver.core.leak.Resource.Unit.MILLIS, number(kv[1]));
                default -> throw new UsageException("--max-slope unit must be bytes, count or ms, got '" + kv[0] + "'");
            };
        }
        return l;
    }

    private static double number(String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--max-slope value must be a number >= 0, got '" + v + "'");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Waits {@code d}, or less when Ctrl-C was pressed. */
    private static void pause(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (!LoadRunner.stopRequested() && System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Sizes as people write them: {@code 4096}, {@code 64KiB}, {@code 1MiB}, {@code 1MB}. */
    static final class ByteSize {
        private ByteSize() {
        }

        static double parse(String v) {
            var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(|B|KB|KiB|MB|MiB|GB|GiB)", java.util.regex.Pattern.CASE_INSENSITIVE)
                    .matcher(v.trim());
            if (!m.matches()) {
                throw new UsageException("invalid size '" + v + "' (examples: 4096, 64KiB, 1MiB)");
            }
            double n = Double.parseDouble(m.group(1));
            return n * switch (m.group(2).toLowerCase()) {
                case "kb" -> 1000.0;
                case "kib" -> 1024.0;
                case "mb" -> 1e6;
                case "mib" -> 1024.0 * 1024;
                case "gb" -> 1e9;
                case "gib" -> 1024.0 * 1024 * 1024;
                default -> 1.0;
            };
        }
    }
}
