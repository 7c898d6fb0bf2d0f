package dev.quiver.cli.report;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.report.html.LinkSection;
import dev.quiver.cli.report.html.ThresholdSection;
import dev.quiver.core.engine.QlogFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where reports go: text or JSON on stdout, and a page into the {@code --html} file when one was asked for. */
public final class ReportOutput {

    private ReportOutput() {
    }

    /**
     * Prints the report, then writes its HTML page when {@code html} is given. Inside {@code quiver lab}
     * the report also carries the lab's link (JSON key {@code link}, a Link block in the text and the page).
     *
     * @return false when the page could not be written (said on {@code err} in one line)
     */
    public static <T> boolean write(ReportKind<T> kind, T report, boolean json, Path html, PrintStream out, PrintStream err) {
        return write(kind, report, json, html, out, err, QlogFiles.OFF);
    }

    /** As {@link #write(ReportKind, Object, boolean, Path, PrintStream, PrintStream)}, saying where the qlog files are ({@link QlogReport}). */
    public static <T> boolean write(ReportKind<T> kind, T report, boolean json, Path html, PrintStream out, PrintStream err,
                                    QlogFiles qlog) {
        return write(kind, report, json, html, out, err, qlog, ThresholdReport.NONE);
    }

    /** As {@link #write(ReportKind, Object, boolean, Path, PrintStream, PrintStream, QlogFiles)}, with the thresholds judged ({@link ThresholdReport}). */
    public static <T> boolean write(ReportKind<T> kind, T report, boolean json, Path html, PrintStream out, PrintStream err,
                                    QlogFiles qlog, ThresholdReport thresholds) {
        Map<String, Object> link = LinkReport.fromLab(err); // null unless quiver runs inside 'quiver lab'
        String console = kind.console(json).render(report);
        console = json ? thresholds.addTo(console) : console + thresholds.text();
        if (qlog.enabled()) {
            console = json ? QlogReport.addTo(console, qlog)
                    : console + System.lineSeparator() + QlogReport.line(qlog) + System.lineSeparator();
        }
        if (link == null) {
            out.print(console);
        } else if (json) {
            out.println(LinkReport.addTo(console, link));
        } else {
            out.print(console);
            LinkReport.print(link, out);
        }
        out.flush();
        if (html == null) {
            return true;
        }
        try {
            Files.writeString(html, LinkSection.addTo(ThresholdSection.addTo(kind.html().render(report), thresholds.bySubject()), link));
            err.println("quiver: HTML report written to " + html + " (" + Files.size(html) / 1024 + " KiB)");
            return true;
        } catch (IOException e) {
            err.println("quiver: cannot write " + html + ": " + e.getMessage());
            return false;
        }
    }

    /** Refuses, before any load, an {@code --html} file that could not be written. */
    public static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir) || Files.isDirectory(file)) {
            throw new UsageException("--html: cannot write " + file + " (no such directory, or not writable)");
        }
    }
}
