package dev.quiver.cli.command;

import dev.quiver.cli.metrics.LiveMetrics;
import dev.quiver.cli.metrics.MetricsServer;
import dev.quiver.cli.options.MetricsOptions;
import dev.quiver.cli.options.ThresholdOptions;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.stats.LiveSample;
import dev.quiver.core.threshold.RequestBound;
import dev.quiver.core.threshold.Threshold;
import dev.quiver.core.threshold.ThresholdResults;
import dev.quiver.core.threshold.ThresholdWatch;
import dev.quiver.core.threshold.Thresholds;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * What follows a load while it runs, on its reporter thread: the {@code --metrics-listen} page and
 * the {@code --threshold-abort} watch that ends the run when a threshold can no longer pass. Set up
 * (thresholds read, the page listening) before any load, so bad input costs none.
 */
final class LiveFollow implements AutoCloseable {

    private final List<Threshold> thresholds;
    private final ThresholdWatch watch;
    private final LiveMetrics metrics;
    private final MetricsServer server;
    private volatile ThresholdResults.Abort abort;

    private LiveFollow(List<Threshold> thresholds, ThresholdWatch watch, LiveMetrics metrics, MetricsServer server) {
        this.thresholds = thresholds;
        this.watch = watch;
        this.metrics = metrics;
        this.server = server;
    }

    /** Reads the thresholds and starts the metrics page (said on {@code err}); bad input is a UsageException. */
    static LiveFollow start(RunSpec spec, ThresholdOptions t, MetricsOptions m, PrintStream err) {
        List<Threshold> list = t.thresholds();
        ThresholdWatch watch = t.abort() ? new ThresholdWatch(list, RequestBound.of(spec.workload())) : null;
        LiveMetrics metrics = new LiveMetrics(spec.target().url());
        MetricsServer server = m.start(metrics);
        if (server != null) {
            err.println("quiver: metrics at " + server.url());
        }
        return new LiveFollow(list, watch, server == null ? null : metrics, server);
    }

    /** Hands the scheduler what follows it; give it to {@link LoadRunner#run} before the load starts. */
    Consumer<Scheduler> attach() {
        return s -> s.onInterval(sample -> follow(s, sample));
    }

    private void follow(Scheduler s, LiveSample sample) {
        if (metrics != null) {
            metrics.accept(sample);
        }
        if (watch != null && abort == null && !sample.last()) {
            ThresholdResults.Abort a = watch.check(sample);
            if (a != null) {
                abort = a;
                s.stop(StopReason.THRESHOLD);
            }
        }
    }

    /** The thresholds judged on the run's result, with the one that ended it early. */
    ThresholdResults judge(RunResult r) {
        ThresholdResults results = Thresholds.evaluate(thresholds, r);
        ThresholdResults.Abort a = abort;
        return a == null || r.stopReason() != StopReason.THRESHOLD ? results : results.abortedBy(a);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
