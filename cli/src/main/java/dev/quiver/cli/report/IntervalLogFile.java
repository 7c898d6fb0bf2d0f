package dev.quiver.cli.report;

import dev.quiver.cli.UsageException;
import dev.quiver.core.report.IntervalLog;
import dev.quiver.core.report.RunResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --hlog FILE}: writes a run's {@link IntervalLog}. */
public final class IntervalLogFile {

    private IntervalLogFile() {
    }

    /** Refuses, before any load, a file that could not be written. */
    public static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir) || Files.isDirectory(file)) {
            throw new UsageException("--hlog: cannot write " + file + " (no such directory, or not writable)");
        }
    }

    /** @return false when the file could not be written (said on {@code err} in one line) */
    public static boolean write(Path file, RunResult r, PrintStream err) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            IntervalLog.write(r, out);
        } catch (IOException e) {
            err.println("quiver: cannot write " + file + ": " + e.getMessage());
            return false;
        }
        err.println("quiver: interval log written to " + file + " (" + r.intervals().size() + " intervals)");
        return true;
    }
}
