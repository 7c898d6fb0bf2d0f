package dev.quiver.cli.command;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.progress.ProgressLine;
import dev.quiver.cli.signal.StopSignals;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one load from the command line: picks the engine, shows progress, and turns Ctrl-C and
 * SIGTERM into a clean stop so that the report is still printed ({@link StopSignals}).
 */
public final class LoadRunner {

    private LoadRunner() {
    }

    /** The engine for this run, or a {@link UsageException} saying why there is none. */
    public static EngineProvider engineFor(RunSpec spec, String engineName) {
        Protocol p = spec.protocol() != null ? spec.protocol()
                : spec.target().tls() ? Protocol.HTTP_2 : Protocol.HTTP_1_1;
        return Engines.find(p, engineName).orElseThrow(() -> {
            List<String> names = Engines.available().stream()
                    .filter(e -> e.protocols().contains(p)).map(EngineProvider::name).toList();
            if (names.isEmpty()) {
                return new UsageException("no engine for " + p.displayName() + " in this build");
            }
            return new UsageException("no engine '" + engineName + "' for " + p.displayName()
                    + " (available: " + String.join(", ", names) + ")");
        });
    }

    /**
     * Runs the load and returns its result.
     *
     * @param label shown in front of the progress line
     * @param progress where progress goes, or null for none
     */
    public static RunResult run(RunSpec spec, EngineProvider engine, String label, PrintStream progress)
            throws TargetUnreachableException {
        return run(spec, engine, label, progress, s -> { });
    }

    /** As {@link #run(RunSpec, EngineProvider, String, PrintStream)}; {@code started} gets the scheduler before the load starts. */
    public static RunResult run(RunSpec spec, EngineProvider engine, String label, PrintStream progress,
                                Consumer<Scheduler> started) throws TargetUnreachableException {
        ProgressLine line = progress == null ? null : new ProgressLine(progress, label, spec.workload());
        try {
            return run(spec, engine, line, started);
        } finally {
            if (line != null) {
                line.finish();
            }
        }
    }

    /**
     * Runs the load and returns its result; Ctrl-C stops it as for {@code run}.
     *
     * @param progress receives a sample every interval, or null
     */
    public static RunResult run(RunSpec spec, EngineProvider engine, Consumer<IntervalSample> progress)
            throws TargetUnreachableException {
        return run(spec, engine, progress, s -> { });
    }

    /** As {@link #run(RunSpec, EngineProvider, Consumer)}; {@code started} gets the scheduler before the load starts. */
    public static RunResult run(RunSpec spec, EngineProvider engine, Consumer<IntervalSample> progress,
                                Consumer<Scheduler> started) throws TargetUnreachableException {
        Scheduler scheduler = new Scheduler(spec, engine, progress);
        started.accept(scheduler);
        StopSignals.install();
        try (StopSignals.Registration ignored = StopSignals.onStop(kind -> scheduler.stop(kind.stopReason()))) {
            return scheduler.run();
        }
    }

    /**
     * Whether Ctrl-C or SIGTERM came during a load of this process (also one still opening its
     * first connection) or between two loads: a command that runs several loads starts no more.
     */
    public static boolean stopRequested() {
        return StopSignals.stopRequested();
    }
}
