package dev.quiver.cli.progress;

import dev.quiver.core.schedule.Workload;
import java.io.PrintStream;
import java.util.List;

/**
 * Several progress lines stacked on stderr, one per label, each updated in place: the board is
 * redrawn from its first line whenever one of them changes (once a second per running load).
 * Used by commands that run several loads one after the other ({@code compare}).
 */
public final class ProgressBoard {

    private final PrintStream out;
    private final String[] lines;
    private boolean drawn;

    /** One line per label, shown as waiting until its load starts. */
    public ProgressBoard(PrintStream out, List<String> labels) {
        this.out = out;
        this.lines = new String[labels.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = labels.get(i) + "  waiting";
        }
    }

    /** A progress line that writes into line {@code index}; it replaces what that line showed. */
    public ProgressLine line(int index, String label, Workload workload) {
        return new ProgressLine(label, workload, text -> set(index, text), () -> { });
    }

    /** Puts a final word on line {@code index}, e.g. that its load failed. */
    public void done(int index, String text) {
        set(index, text);
    }

    private synchronized void set(int index, String text) {
        lines[index] = text;
        redraw();
    }

    private void redraw() {
        StringBuilder b = new StringBuilder();
        if (drawn) {
            b.append("\033[").append(lines.length).append('A');
        }
        for (String line : lines) {
            b.append("\r\033[K").append(line).append('\n');
        }
        out.print(b);
        out.flush();
        drawn = true;
    }

    /** Erases the board, so that the report starts on a clean screen. */
    public synchronized void finish() {
        if (drawn) {
            out.print("\033[" + lines.length + "A\r\033[J");
            out.flush();
            drawn = false;
        }
    }
}
