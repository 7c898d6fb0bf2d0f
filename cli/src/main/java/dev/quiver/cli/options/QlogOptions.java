package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.core.engine.QlogFiles;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --qlog DIR} and {@code --qlog-max N}: the commands that open QUIC connections share them. */
public final class QlogOptions {

    /** Files written when {@code --qlog} is given without {@code --qlog-max}. */
    static final int DEFAULT_MAX = 16;
    /**
     * Most qlog files one command may write: each is open (a descriptor, a write buffer) while its
     * connection lives and takes 1-2 KiB per request; more would only fill the disk.
     */
    static final int MAX_FILES = 10_000;

    @Option(names = "--qlog", paramLabel = "DIR",
            description = "Write a qlog file (qlog 0.3, JSON-SEQ, as qvis reads it) per QUIC connection into DIR, created if missing; HTTP/3 only.")
    Path dir;

    @Option(names = "--qlog-max", paramLabel = "N",
            description = "With --qlog: at most N QUIC connections get a file (1 to " + MAX_FILES + "); the report counts the others. Default: " + DEFAULT_MAX + ".")
    Integer max;

    /** Whether {@code --qlog} was given. */
    public boolean given() {
        return dir != null;
    }

    /** The files as asked for, or {@link QlogFiles#OFF}; checks the flags but touches no file ({@link #prepare} does). */
    public QlogFiles files() {
        if (max != null && dir == null) {
            throw new UsageException("--qlog-max needs --qlog DIR");
        }
        if (max != null && (max < 1 || max > MAX_FILES)) {
            throw new UsageException("--qlog-max must be from 1 to " + MAX_FILES + ", got " + max);
        }
        if (dir == null) {
            return QlogFiles.OFF;
        }
        if (dir.toString().isBlank()) {
            throw new UsageException("--qlog: give a directory");
        }
        return QlogFiles.into(dir, max == null ? DEFAULT_MAX : max);
    }

    /**
     * Makes the {@code --qlog} directory (parents too) and checks that a file can be written in it.
     * A command calls it last among its checks, so that a line refused for anything else leaves
     * nothing behind.
     */
    public static void prepare(QlogFiles qlog) {
        if (!qlog.enabled()) {
            return;
        }
        try {
            QlogFiles.prepare(qlog.dir());
        } catch (IOException e) {
            throw new UsageException("--qlog: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UsageException("--qlog: cannot use " + qlog.dir() + " (" + e.getMessage() + ")");
        }
    }
}
