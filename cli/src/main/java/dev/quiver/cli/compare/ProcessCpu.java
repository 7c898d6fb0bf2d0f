package dev.quiver.cli.compare;

import java.lang.management.ManagementFactory;

/** quiver's own CPU time (all threads of this process), to put a price on each variant's requests. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** CPU nanoseconds this process has used so far, or -1 when the JVM cannot tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
