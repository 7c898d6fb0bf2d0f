package dev.quiver.cli.report;

import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.cli.report.html.CompareHtmlReport;
import dev.quiver.cli.report.html.InteropHtmlReport;
import dev.quiver.cli.report.html.LeakHtmlReport;
import dev.quiver.cli.report.html.RunHtmlReport;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.report.RunResult;

/**
 * The formats of one kind of report.
 *
 * @param name what the report is of, for messages
 * @param html the page for a browser ({@code --html FILE}); every kind has one
 */
public record ReportKind<T>(String name, ReportFormat<T> text, ReportFormat<T> json, ReportFormat<T> html) {

    /** {@code quiver run}. */
    public static final ReportKind<RunResult> RUN =
            new ReportKind<>("run", TextReport::render, JsonReport::render, RunHtmlReport::render);
    /** {@code quiver compare} and {@code quiver demo}. */
    public static final ReportKind<ComparisonResult> COMPARE =
            new ReportKind<>("comparison", CompareTextReport::render, CompareJsonReport::render, CompareHtmlReport::render);
    /** {@code quiver leak-check}. */
    public static final ReportKind<LeakCheckResult> LEAK_CHECK =
            new ReportKind<>("leak check", LeakTextReport::render, LeakJsonReport::render, LeakHtmlReport::render);
    /** {@code quiver interop}. */
    public static final ReportKind<InteropMatrix> INTEROP =
            new ReportKind<>("interop matrix", InteropText::render, InteropJson::render, InteropHtmlReport::render);

    /** What goes to stdout: JSON when asked for, else text. */
    public ReportFormat<T> console(boolean asJson) {
        return asJson ? json : text;
    }
}
