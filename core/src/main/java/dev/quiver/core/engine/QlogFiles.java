package dev.quiver.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where QUIC connections write their qlog ({@code --qlog DIR}) and how many may ({@code --qlog-max N}).
 * One instance serves a whole command, all its runs and engines: the first {@code max} QUIC
 * connections (handshake attempts included) get a file, the ones after are only counted. The
 * paths handed out are kept (at most {@code max}) so that the report can say how many files exist.
 */
public final class QlogFiles {

    /** No qlog: every {@link #claim} says no. */
    public static final QlogFiles OFF = new QlogFiles(null, 0);

    /** The file name's end: qlog's JSON text sequences (RFC 7464), one record per event, as qvis loads them. */
    public static final String EXTENSION = ".sqlog";

    private final Path dir;
    private final int max;
    private final String prefix;
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final Path[] paths;

    private QlogFiles(Path dir, int max) {
        this.dir = dir;
        this.max = max;
        this.paths = new Path[max];
        // Time and process id: files of runs into the same directory never overwrite each other.
        this.prefix = "quiver-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
                .format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + ProcessHandle.current().pid();
    }

    /**
     * Files for at most {@code max} connections in {@code dir}, which must exist and be writable
     * ({@link #prepare} makes sure of that).
     */
    public static QlogFiles into(Path dir, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("qlog: at least one file, got " + max);
        }
        return new QlogFiles(dir.toAbsolutePath().normalize(), max);
    }

    /**
     * Creates {@code dir} (and its parents) when missing and checks that a file can be made in it.
     *
     * @throws IOException saying why not, in words fit for the user
     */
    public static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create directory " + dir + " (" + reason(e) + ")");
        }
        Path probe;
        try {
            probe = Files.createTempFile(dir, ".quiver-qlog-probe", ".tmp");
        } catch (IOException e) {
            throw new IOException("cannot write in " + dir + " (" + reason(e) + ")");
        }
        Files.deleteIfExists(probe);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT); // the operating system's words, without the path again
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public boolean enabled() {
        return dir != null;
    }

    /** The directory, absolute; null when off. */
    public Path dir() {
        return dir;
    }

    public int max() {
        return max;
    }

    /**
     * The file for one more QUIC connection, or null when qlog is off or {@code max} files were
     * handed out already (the connection is then counted in {@link #notLogged}).
     *
     * @param engine the engine's name, part of the file name
     */
    public Path claim(String engine) {
        if (dir == null) {
            return null;
        }
        int n = claimed.getAndIncrement();
        if (n >= max) {
            claimed.decrementAndGet();
            refused.incrementAndGet();
            return null;
        }
        Path p = dir.resolve(String.format(Locale.ROOT, "%s-%s-%04d%s", prefix, engine, n + 1, EXTENSION));
        synchronized (paths) {
            paths[n] = p;
        }
        return p;
    }

    /** The files written so far (a connection that failed before its first packet may have none). */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        synchronized (paths) {
            for (Path p : paths) {
                if (p != null && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** QUIC connections that got no file because {@code max} were handed out already. */
    public long notLogged() {
        return refused.get();
    }
}
