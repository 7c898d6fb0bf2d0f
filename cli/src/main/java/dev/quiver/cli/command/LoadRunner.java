package dev.quiver.cli.command;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.progress.ProgressLine;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.TargetUnreachableException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Runs one load from the command line: picks the engine, shows progress, and turns Ctrl-C into
 * a clean stop so that the report is still printed.
 */
public final class LoadRunner {

    private static final AtomicReference<Scheduler> RUNNING = new AtomicReference<>();
    private static volatile boolean signalInstalled;

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
                                java.util.function.Consumer<Scheduler> started) throws TargetUnreachableException {
        ProgressLine line = progress == null ? null : new ProgressLine(progress, label, spec.workload());
        Scheduler scheduler = new Scheduler(spec, engine, line == null ? null : line::update);
        started.accept(scheduler);
        installInterruptHandler();
        RUNNING.set(scheduler);
        try {
            return scheduler.run();
        } finally {
            RUNNING.compareAndSet(scheduler, null);
            if (line != null) {
                line.finish();
            }
        }
    }

    /** Ctrl-C stops the running load (the report still prints); a second Ctrl-C quits at once. */
    private static synchronized void installInterruptHandler() {
        if (signalInstalled) {
            return;
        }
        signalInstalled = true;
        try {
            Signal.handle(new Signal("INT"), sig -> {
                Scheduler s = RUNNING.getAndSet(null);
                if (s != null) {
                    s.stop();
                } else {
                    Runtime.getRuntime().halt(130);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No signal support here: Ctrl-C ends the JVM as usual.
        }
    }
}
