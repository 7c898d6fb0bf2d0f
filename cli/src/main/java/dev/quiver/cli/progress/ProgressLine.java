package dev.quiver.cli.progress;

import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.schedule.Workload;
import java.io.PrintStream;
import java.util.Locale;

/** One status line on stderr that updates in place while a run goes: elapsed, requests, req/s, p99, errors. */
public final class ProgressLine {

    private final PrintStream out;
    private final String label;
    private final Workload workload;
    private long completed;
    private long failed;
    private boolean written;

    public ProgressLine(PrintStream out, String label, Workload workload) {
        this.out = out;
        this.label = label;
        this.workload = workload;
    }

    /** Whether progress should be shown: stderr is a terminal. */
    public static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // Java 22+: a console exists even when redirected; ask whether it is a terminal.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public synchronized void update(IntervalSample s) {
        completed += s.completed();
        failed += s.failed();
        String total = workload.duration() != null
                ? String.format(Locale.ROOT, "%.0fs/%.0fs", s.elapsedSeconds(), workload.duration().toMillis() / 1000.0)
                : String.format(Locale.ROOT, "%.0fs", s.elapsedSeconds());
        String count = workload.requests() > 0 ? completed + failed + "/" + workload.requests() : Long.toString(completed + failed);
        out.printf(Locale.ROOT, "\r\033[K%s %s  requests %s  %.0f req/s  p99 %.2f ms  errors %d  live %d",
                label, total, count, s.rps(), s.p99Millis(), failed, s.live());
        out.flush();
        written = true;
    }

    public synchronized void finish() {
        if (written) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
