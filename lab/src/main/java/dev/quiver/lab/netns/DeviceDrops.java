package dev.quiver.lab.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packets the kernel dropped on their way out of a device, from {@code /proc/thread-self/net/dev}
 * (the calling thread's namespace). For a lab's TUN device these are packets its side sent that
 * never reached the link: the device's queue was full because the link's pump was behind.
 */
public final class DeviceDrops {

    /** In /proc/net/dev, after "name:": 8 receive fields, then transmit bytes, packets, errs, drop. */
    private static final int TX_DROP_FIELD = 11;

    private DeviceDrops() {
    }

    /** Transmit drops of {@code device} so far, or -1 when it is not there. */
    public static long transmitDrops(String device) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(device)) {
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                return f.length > TX_DROP_FIELD ? Long.parseLong(f[TX_DROP_FIELD]) : -1;
            }
        }
        return -1;
    }
}
