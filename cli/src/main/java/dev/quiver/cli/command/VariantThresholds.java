package dev.quiver.cli.command;

import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.compare.VariantResult;
import dev.quiver.cli.report.ThresholdReport;
import dev.quiver.core.threshold.Threshold;
import dev.quiver.core.threshold.ThresholdResult;
import dev.quiver.core.threshold.ThresholdResults;
import dev.quiver.core.threshold.Thresholds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison's thresholds, judged per variant on its rounds merged. A variant that could not
 * connect has no figures: each of its thresholds fails, saying so, since CI asked for them.
 */
final class VariantThresholds {

    private VariantThresholds() {
    }

    static ThresholdReport judge(ComparisonResult result, List<Threshold> thresholds) {
        if (thresholds.isEmpty()) {
            return ThresholdReport.NONE;
        }
        Map<String, ThresholdResults> by = new LinkedHashMap<>();
        for (VariantResult v : result.variants()) {
            if (v.ran()) {
                by.put(v.variant().label(), Thresholds.evaluate(thresholds, v.merged()));
            } else {
                String why = v.failure() != null ? "the variant could not connect" : "the variant did not run";
                by.put(v.variant().label(), new ThresholdResults(
                        thresholds.stream().map(t -> new ThresholdResult(t, Double.NaN, false, why)).toList(), null));
            }
        }
        return new ThresholdReport(by);
    }
}
