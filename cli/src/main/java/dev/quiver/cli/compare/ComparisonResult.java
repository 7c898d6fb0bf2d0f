package dev.quiver.cli.compare;

import dev.quiver.core.schedule.RunSpec;
import java.time.Instant;
import java.util.List;

/**
 * A whole comparison: the workload, and each variant's rounds.
 *
 * @param interrupted Ctrl-C ended it before every round ran
 */
public record ComparisonResult(RunSpec spec, int rounds, List<VariantResult> variants, Instant started,
                               boolean interrupted) {

    public ComparisonResult {
        variants = List.copyOf(variants);
    }

    /** In-flight requests every variant kept: {@code -c x -p}. */
    public int inFlight() {
        return spec.workload().connections() * spec.workload().streamsPerConnection();
    }
}
