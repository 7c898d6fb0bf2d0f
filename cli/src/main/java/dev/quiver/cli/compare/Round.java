package dev.quiver.cli.compare;

import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import java.util.List;

/**
 * What is kept of one round once it has been merged into its variant's result: its counts, rate
 * and CPU cost for the spread and the rounds table, and its interval samples for the time plots
 * (rounds end to end). Histograms are not kept per round, so memory grows with rounds by a few
 * numbers and one sample per second of load, not by a set of histograms.
 *
 * @param latencyCount completed requests recorded in this round's latency histogram
 * @param cpuSeconds quiver's CPU seconds during this round's measured load (its warm-up not counted), or -1 when
 *                   the JVM cannot tell
 */
public record Round(double durationSeconds, long total, long ok, long failed, long aborted, double rps,
                    long latencyCount, double cpuSeconds, List<IntervalSample> intervals) {

    /** @param cpuAround quiver's CPU seconds around the whole round, used when the run measured none of its own */
    static Round of(RunResult r, double cpuAround) {
        var q = r.requests();
        double cpuSeconds = r.clientBound().sampledSeconds() > 0 ? r.clientBound().cpuSeconds() : cpuAround;
        return new Round(r.durationSeconds(), q.total(), q.ok(), q.failed(), q.aborted(), r.rps(),
                r.histograms().latency().getTotalCount(), cpuSeconds, r.samples());
    }
}
