package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.core.report.RunResult;
import java.io.PrintStream;

/** Turns a run's books into the exit code. */
final class RunReports {

    private RunReports() {
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
}
