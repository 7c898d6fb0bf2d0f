package dev.quiver.cli.report;

/**
 * One way of writing one kind of report: text for people, JSON for machines, HTML for a browser.
 * Every command writes its report through a {@link ReportKind}'s formats and {@link ReportOutput},
 * so a new format is one implementation per report, not a change to every command.
 *
 * @param <T> what the report is about: a run, a comparison, a leak check, an interop matrix
 */
@FunctionalInterface
public interface ReportFormat<T> {

    /** The whole document, ending with a line break. */
    String render(T report);
}
