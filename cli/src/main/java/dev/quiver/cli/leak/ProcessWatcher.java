package dev.quiver.cli.leak;

import dev.quiver.core.leak.Reading;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.Watcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** RSS, open file descriptors and threads of a process, from Linux's {@code /proc/PID}. */
public final class ProcessWatcher implements Watcher {

    private final long pid;
    private final Path dir;
    private final Resource rss;
    private final Resource fds;
    private final Resource threads;

    public ProcessWatcher(long pid) {
        if (pid < 1) {
            throw new IllegalArgumentException("--watch-pid needs a process id, got " + pid);
        }
        this.pid = pid;
        this.dir = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--watch-pid " + pid + ": no such process (no " + dir + ")");
        }
        rss = Resource.gauge("pid " + pid + " rss", Resource.Unit.BYTES);
        fds = Resource.gauge("pid " + pid + " open fds", Resource.Unit.COUNT);
        threads = Resource.gauge("pid " + pid + " threads", Resource.Unit.COUNT);
    }

    @Override
    public String name() {
        return "pid " + pid;
    }

    @Override
    public List<Reading> read() throws IOException {
        String status;
        try {
            status = Files.readString(dir.resolve("status"));
        } catch (IOException e) {
            throw new IOException("process " + pid + " is gone");
        }
        long rssKb = field(status, "VmRSS:");
        long threadCount = field(status, "Threads:");
        long open;
        try (Stream<Path> s = Files.list(dir.resolve("fd"))) {
            open = s.count();
        } catch (IOException | SecurityException e) {
            throw new IOException("cannot list " + dir.resolve("fd") + " (another user's process?)");
        }
        return List.of(new Reading(rss, rssKb * 1024.0), new Reading(fds, open), new Reading(threads, threadCount));
    }

    private long field(String status, String name) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IOException("process " + pid + ": no " + name + " in its status (a zombie?)");
    }
}
