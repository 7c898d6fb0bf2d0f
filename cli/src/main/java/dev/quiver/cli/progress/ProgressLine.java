package dev.quiver.cli.progress;

import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.Units;
import dev.quiver.core.schedule.Workload;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One status line on stderr that updates in place while a run goes: elapsed, requests, req/s, p99,
 * errors. Alone it owns the terminal's current line; a {@link ProgressBoard} stacks several.
 */
public final class ProgressLine implements Consumer<IntervalSample> {

    private final String label;
    private final Workload workload;
    private final Consumer<String> show;
    private final Runnable clear;
    private long completed;
    private long failed;
    private boolean written;

    /** A line of its own at the cursor. */
    public ProgressLine(PrintStream out, String label, Workload workload) {
        this(label, workload, text -> {
            out.print("\r\033[K" + text);
            out.flush();
        }, () -> {
            out.print("\r\033[K");
            out.flush();
        });
    }

    ProgressLine(String label, Workload workload, Consumer<String> show, Runnable clear) {
        this.label = label;
        this.workload = workload;
        this.show = show;
        this.clear = clear;
    }

    /**
     * Whether progress should be shown: stderr is a terminal. On Linux that is read from where
     * file descriptor 2 points, so {@code quiver ... --json > out.json} still shows progress;
     * elsewhere the console decides (which also needs stdin and stdout to be the terminal).
     */
    public static boolean stderrIsTerminal() {
        try {
            String fd2 = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return fd2.startsWith("/dev/pts/") || fd2.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc: ask the console
        }
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

    @Override
    public void accept(IntervalSample s) {
        update(s);
    }

    public synchronized void update(IntervalSample s) {
        completed += s.completed();
        failed += s.failed();
        show.accept(text(s));
        written = true;
    }

    /** The line for this sample: {@code label 3s/10s  requests 1200  400 req/s  p99 2.10 ms  errors 0  live 8}. */
    String text(IntervalSample s) {
        String total = workload.duration() != null
                ? String.format(Locale.ROOT, "%.0fs/%.0fs", s.elapsedSeconds(), Units.seconds(workload.duration()))
                : String.format(Locale.ROOT, "%.0fs", s.elapsedSeconds());
        String count = workload.requests() > 0 ? completed + failed + "/" + workload.requests() : Long.toString(completed + failed);
        return String.format(Locale.ROOT, "%s %s  requests %s  %.0f req/s  p99 %.2f ms  errors %d  live %d",
                label, total, count, s.rps(), s.p99Millis(), failed, s.live());
    }

    public synchronized void finish() {
        if (written) {
            clear.run();
        }
    }
}
