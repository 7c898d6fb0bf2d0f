package dev.quiver.lab;

import dev.quiver.lab.netns.IpTool;
import dev.quiver.lab.netns.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cleans up after labs whose process died without tearing down (SIGKILL, a crash): their
 * namespaces (and the processes still running in them, which that lab started) and their working
 * directories. A lab whose owner is alive is never touched.
 */
final class LabSweep {

    private LabSweep() {
    }

    /** @return what was removed, for the user to hear about */
    static List<String> clean(IpTool ip) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String name : NetworkNamespace.list(ip)) {
            long owner = LabNames.owner(name);
            if (owner > 0 && !alive(owner)) {
                NetworkNamespace ns = NetworkNamespace.existing(ip, name);
                killAll(ns);
                ns.delete();
                removed.add("namespace " + name);
            }
        }
        try (Stream<Path> dirs = Files.list(LabNames.temp())) {
            for (Path dir : dirs.toList()) {
                long owner = LabNames.owner(dir.getFileName().toString());
                if (owner > 0 && !alive(owner) && Files.isDirectory(dir)) {
                    deleteTree(dir);
                    removed.add("directory " + dir);
                }
            }
        }
        return removed;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills (SIGKILL) whatever still runs in a lab's namespace: only labs start processes there. */
    static void killAll(NetworkNamespace ns) throws IOException {
        long self = ProcessHandle.current().pid();
        for (long pid : ns.pids()) {
            if (pid != self) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
                });
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
