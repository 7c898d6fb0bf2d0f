package dev.quiver.core.stats;

import dev.quiver.core.engine.LoopThreads;
import dev.quiver.core.report.ClientBound;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Watches quiver's own load during the measured part: process CPU time against the cores it may
 * use, and each event loop's busy time ({@link LoopThreads}: on a core, or ready and waiting for
 * one). Read by the reporter thread once per interval, never on the engines' threads. Times are
 * real ({@link System#nanoTime()}) whatever clock the run uses: CPU time is real time. Loops that
 * spin ({@code --busy-poll}) have their idle spinning taken out of both: out of the loop's busy
 * time whole, and out of the process's CPU as much of it as the loop spent on a core in that
 * interval (the rest of it the loop waited for one). Memory: a
 * few entries per loop thread.
 */
public final class ClientLoad {

    private final LoopThreads loops;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** Each loop's time as last read. */
    private final Map<Thread, LoopThreads.Busy> last = new HashMap<>();
    /** Each loop's time over the sampled intervals. */
    private final Map<Thread, LoopThreads.Busy> sum = new HashMap<>();
    private boolean started;
    private boolean countsWait;
    private long lastWall;
    private long lastCpu;
    private boolean spun;
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
            LoopThreads.Busy b = t.busy();
            if (b != null) {
                last.put(t.thread(), b);
            }
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
        long idleOnCore = 0;
        long busiest = 0;
        for (LoopThreads.LoopThread t : loops.live()) {
            LoopThreads.Busy b = t.busy();
            if (b == null) {
                continue;
            }
            countsWait |= t.countsWaitForCore();
            // A loop that started after the last sample has all its time in this interval.
            LoopThreads.Busy before = last.getOrDefault(t.thread(), new LoopThreads.Busy(0, 0, 0));
            long run = Math.max(0, b.runNanos() - before.runNanos());
            long waited = Math.max(0, b.waitNanos() - before.waitNanos());
            long idle = Math.min(Math.max(0, b.idleNanos() - before.idleNanos()), run + waited);
            if (idle > 0) {
                // Spun on a core and waited for one in the proportion the loop did over the interval.
                long idleRun = (long) ((double) idle * run / (run + waited));
                run -= idleRun;
                waited -= idle - idleRun;
                idleOnCore += idleRun;
                spun = true;
            }
            last.put(t.thread(), b);
            sum.merge(t.thread(), new LoopThreads.Busy(run, waited, 0),
                    (x, y) -> new LoopThreads.Busy(x.runNanos() + y.runNanos(), x.waitNanos() + y.waitNanos(), 0));
            busiest = Math.max(busiest, run + waited);
        }
        last.keySet().removeIf(th -> !th.isAlive());
        long cpuDelta = cpu >= 0 && lastCpu >= 0 ? Math.max(0, cpu - lastCpu - idleOnCore) : 0;
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
        LoopThreads.Busy busiest = null;
        for (LoopThreads.Busy b : sum.values()) {
            if (busiest == null || b.runNanos() + b.waitNanos() > busiest.runNanos() + busiest.waitNanos()) {
                busiest = b;
            }
        }
        if (sampledNanos == 0) {
            return new ClientBound(measured(), cores, sum.size(), 0, 0, Double.NaN, Double.NaN, 0);
        }
        double t = sampledNanos;
        // Seconds to the microsecond, as the JSON report writes them: a result read back merges to the same figures.
        return new ClientBound(measured(), cores, sum.size(), micros(sampledNanos), micros(cpuNanos),
                busiest == null ? Double.NaN : (busiest.runNanos() + busiest.waitNanos()) / t,
                busiest == null ? Double.NaN : busiest.waitNanos() / t, micros(saturatedNanos));
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }

    private String measured() {
        String cpu = String.format(Locale.ROOT, "process CPU time against %d core%s", cores, cores == 1 ? "" : "s");
        if (sum.isEmpty()) {
            return cpu + "; the engine has no event loops of its own (process CPU only)";
        }
        return cpu + "; " + sum.size() + " event-loop thread" + (sum.size() == 1 ? "" : "s")
                + (countsWait ? ", busy while on a core or waiting for one (Linux schedstat)" : ", busy while on a core (thread CPU time)")
                + (spun ? "; their idle spinning (--busy-poll) not counted" : "");
    }

    /** CPU nanoseconds this process has used, or -1 when the JVM cannot tell. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
