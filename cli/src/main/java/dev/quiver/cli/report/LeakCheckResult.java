package dev.quiver.cli.report;

import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.report.RunResult;

/**
 * What a leak check found: the verdicts and samples, how long each phase lasted, and the load's own result.
 */
public record LeakCheckResult(LeakReport report, LeakTextReport.Phases phases, RunResult run) {
}
