package dev.quiver.cli.leak;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Figures of this JVM for leak checks: quiver watching itself, and {@code quiver serve}'s
 * {@code /metrics}. The heap is measured after the last garbage collection, because the heap in
 * use at a random moment mostly measures garbage not yet collected.
 */
public final class OwnProcess {

    private OwnProcess() {
    }

    /** Heap in use right after the most recent collection; the heap in use now before any collection. */
    public static long heapAfterGcBytes() {
        long latestEnd = -1;
        long used = -1;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
                com.sun.management.GcInfo info = sun.getLastGcInfo();
                if (info != null && info.getEndTime() > latestEnd) {
                    latestEnd = info.getEndTime();
                    long sum = 0;
                    for (var e : info.getMemoryUsageAfterGc().entrySet()) {
                        if (isHeapPool(e.getKey())) {
                            sum += e.getValue().getUsed();
                        }
                    }
                    used = sum;
                }
            }
        }
        if (used < 0) {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            used = heap.getUsed();
        }
        return used;
    }

    private static boolean isHeapPool(String pool) {
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == java.lang.management.MemoryType.HEAP;
            }
        }
        return false;
    }

    /** Open file descriptors (sockets included), or -1 where {@code /proc/self/fd} cannot be read. */
    public static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Open sockets, or -1 where {@code /proc/self/fd} cannot be read. */
    public static long openSockets() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.filter(OwnProcess::isSocket).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isSocket(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException | RuntimeException e) {
            return false; // closed between the listing and the read
        }
    }

    /** Resident set size in bytes, or -1 where {@code /proc/self/status} cannot be read. */
    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    public static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
