package dev.quiver.lab.sys;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scheduling for the link's pump threads. On a machine whose cores the client and server (and
 * whatever else) keep busy, a pump that waits for a core delivers its packets late, which adds
 * delay nobody asked for: measured on a loaded 2-core machine, up to 100 ms even at nice -10.
 * So a pump runs under the real-time policy {@code SCHED_RR} at the lowest real-time priority: it
 * gets a core as soon as a packet is due. It sleeps in {@code ppoll} between packets, so it takes
 * only the CPU the traffic needs, and the kernel's real-time throttling
 * ({@code sched_rt_runtime_us}, 95% by default) keeps the rest of the machine alive whatever
 * happens. Without the privilege, a nice value of -10 is tried instead; without that, nothing
 * changes and the report's {@code max_late_ms} shows what the machine did.
 */
public final class ThreadScheduling {

    private static final int PRIO_PROCESS = 0;
    private static final int SCHED_RR = 2;
    private static final int NICE = -10;

    private ThreadScheduling() {
    }

    /**
     * Raises the calling thread.
     *
     * @return what it got: {@code "SCHED_RR"}, {@code "nice -10"} or {@code "normal"}
     */
    public static String raise() {
        if (LibC.check() != null) {
            return "normal";
        }
        int tid;
        try {
            // the first field of /proc/thread-self/stat is the thread's id, which these calls take for "process"
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            tid = Integer.parseInt(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return "normal";
        }
        try (Memory param = new Memory(4)) {
            param.setInt(0, 1);
            if (LibC.sched_setscheduler(tid, SCHED_RR, param) == 0) {
                return "SCHED_RR";
            }
        }
        return LibC.setpriority(PRIO_PROCESS, tid, NICE) == 0 ? "nice " + NICE : "normal";
    }
}
