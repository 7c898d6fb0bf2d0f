package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.report.JsonReport;
import dev.quiver.cli.report.LinkReport;
import dev.quiver.cli.report.TextReport;
import dev.quiver.core.report.RunResult;
import java.io.PrintStream;

/** Prints a run's report and turns its books into the exit code. */
final class RunReports {

    private RunReports() {
    }

    static void print(RunResult r, boolean json, PrintStream out) {
        var link = LinkReport.fromLab(System.err); // null unless quiver runs inside 'quiver lab'
        if (json) {
            out.println(JsonReport.toJson(LinkReport.addTo(JsonReport.tree(r), link)));
        } else {
            TextReport.print(r, out);
            LinkReport.print(link, out);
        }
        out.flush();
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
