package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.report.QlogReport;
import dev.quiver.cli.report.ThresholdReport;
import dev.quiver.cli.signal.StopSignals;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.TargetUnreachableException;
import java.io.PrintStream;

/** Turns a run's books into the exit code. */
final class RunReports {

    private RunReports() {
    }

    /**
     * The first connection could not be opened: exit 3 with one line; or a signal came before it
     * was ready: nothing to report, 130 (SIGINT) or 143 (SIGTERM).
     */
    static int unreachable(RunSpec spec, TargetUnreachableException e, PrintStream err) {
        StopSignals.Kind k = StopSignals.received();
        if (k != null) {
            err.println("quiver: " + k.describe() + " before the first connection was ready: nothing to report");
            return k.exitCode();
        }
        err.println("quiver: target unreachable: " + spec.target().url() + ": " + e.getMessage());
        if (spec.qlog().enabled()) {
            err.println("quiver: " + QlogReport.line(spec.qlog())); // the failed handshakes' own account
        }
        return ExitCode.UNREACHABLE;
    }

    /** 0, or 4 when quiver's own books do not balance (said on stderr in one line). */
    static int exitCode(RunResult r, PrintStream err) {
        if (!r.streams().balanced()) {
            long leaked = r.leakedStreams();
            if (leaked > 0) {
                err.println("quiver: stream leak: " + leaked + " streams never reached a terminal state");
            } else {
                err.println("quiver: stream accounting defect: " + r.streams().doubleTerminal() + " double terminal events");
            }
            return ExitCode.STREAM_LEAK;
        }
        return ExitCode.OK;
    }

    /**
     * The exit code with the thresholds judged: 7 when one failed (each said on {@code err} in one line) and
     * the code earned so far was 0 or 6; a stream leak (4) or a leak (5) outranks it.
     */
    static int withThresholds(int earned, ThresholdReport thresholds, PrintStream err) {
        if (thresholds.passed()) {
            return earned;
        }
        thresholds.bySubject().forEach((subject, results) -> results.failed().forEach(t -> err.println("quiver: threshold failed: "
                + (subject.isEmpty() ? "" : subject + ": ") + t.threshold().text() + " (" + t.threshold().figure().name() + " = "
                + t.actualText() + ")")));
        return earned == ExitCode.OK || earned == ExitCode.LEAK_UNKNOWN ? ExitCode.THRESHOLD_FAILED : earned;
    }
}
