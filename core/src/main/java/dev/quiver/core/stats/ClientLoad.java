package dev.quiver.core.stats;

import dev.quiver.core.engine.LoopThreads;
import dev.quiver.core.report.ClientBound;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watches quiver's own load during the measured part: process CPU time against the cores it may
 * use, and each event loop's busy time ({@link LoopThreads}). Read by the reporter thread once per
 * interval, never on the engines' threads. Times are real ({@link System#nanoTime()}) whatever
 * clock the run uses: CPU time is real time. Memory: one entry per loop thread.
 */
public final class ClientLoad {

    private final LoopThreads loops;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Map<Thread, Long> lastBusy = new HashMap<>();
    private final Map<Thread, Long> busy = new HashMap<>();
    private boolean started;
    private boolean countsWait;
    private long lastWall;
    private long lastCpu;
    private long sampledNanos;
    private long cpuNanos;
    private long saturatedNanos;

    public ClientLoad(LoopThreads loops) {
        this.loops = loops;
    }

    /** The measured part starts now: what was used before does not count. */
    public synchronized void start() {
        started = true;
        lastWall = System.nanoTime();
        lastCpu = processCpuNanos();
        for (LoopThreads.LoopThread t : loops.live()) {
            lastBusy.put(t.thread(), t.busyNanos());
        }
    }

    /** One interval: from the last call (or the start) to now. */
    public synchronized void sample() {
        if (!started) {
            return;
        }
        long now = System.nanoTime();
        long wall = now - lastWall;
        if (wall <= 0) {
            return;
        }
        long cpu = processCpuNanos();
        long cpuDelta = cpu >= 0 && lastCpu >= 0 ? Math.max(0, cpu - lastCpu) : 0;
        long busiest = 0;
        List<LoopThreads.LoopThread> live = loops.live();
        for (LoopThreads.LoopThread t : live) {
            long b = t.busyNanos();
            if (b < 0) {
                continue;
            }
            countsWait |= t.countsWaitForCore();
            // A loop that started after the last sample has all its busy time in this interval.
            long delta = Math.max(0, b - lastBusy.getOrDefault(t.thread(), 0L));
            lastBusy.put(t.thread(), b);
            busy.merge(t.thread(), delta, Long::sum);
            busiest = Math.max(busiest, delta);
        }
        lastBusy.keySet().removeIf(th -> !th.isAlive());
        boolean saturated = cpuDelta >= ClientBound.SATURATED * wall * cores || busiest >= ClientBound.SATURATED * wall;
        sampledNanos += wall;
        cpuNanos += cpuDelta;
        if (saturated) {
            saturatedNanos += wall;
        }
        lastWall = now;
        lastCpu = cpu;
    }

    /** What was measured so far. */
    public synchronized ClientBound result() {
        if (sampledNanos == 0) {
            return new ClientBound(measured(), cores, busy.size(), 0, 0, 0, Double.NaN, 0);
        }
        double busiestLoop = busy.isEmpty() ? Double.NaN
                : busy.values().stream().mapToLong(Long::longValue).max().orElse(0) / (double) sampledNanos;
        return new ClientBound(measured(), cores, busy.size(), sampledNanos / 1e9, cpuNanos / 1e9,
                cpuNanos / ((double) sampledNanos * cores), busiestLoop, saturatedNanos / 1e9);
    }

    private String measured() {
        String cpu = String.format(Locale.ROOT, "process CPU of %d core%s", cores, cores == 1 ? "" : "s");
        if (busy.isEmpty()) {
            return cpu + "; no event loops of its own (process CPU only)";
        }
        return cpu + "; " + busy.size() + " event-loop thread" + (busy.size() == 1 ? "" : "s")
                + (countsWait ? " (time on a core or waiting for one)" : " (thread CPU time)");
    }

    /** CPU nanoseconds this process has used, or -1 when the JVM cannot tell. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
