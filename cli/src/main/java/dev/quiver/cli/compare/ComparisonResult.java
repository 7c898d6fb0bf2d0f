package dev.quiver.cli.compare;

import dev.quiver.cli.signal.StopSignals;
import dev.quiver.core.schedule.RunSpec;
import java.time.Instant;
import java.util.List;

/**
 * A whole comparison: the workload, and each variant's rounds.
 *
 * @param stoppedBy the signal that ended it before every round ran (Ctrl-C, SIGTERM), or null
 */
public record ComparisonResult(RunSpec spec, int rounds, List<VariantResult> variants, Instant started,
                               StopSignals.Kind stoppedBy) {

    public ComparisonResult {
        variants = List.copyOf(variants);
    }

    /** Whether a signal ended it before every round ran. */
    public boolean interrupted() {
        return stoppedBy != null;
    }

    /** In-flight requests every variant kept: {@code -c x -p} (checked up front to fit an int). */
    public int inFlight() {
        return Math.multiplyExact(spec.workload().connections(), spec.workload().streamsPerConnection());
    }
}
