package dev.quiver.lab.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether something listens on a port in the calling thread's network namespace, read from
 * {@code /proc/thread-self/net/*} (the thread's namespace, not the process's). A TCP socket counts
 * once it listens, a UDP socket once it is bound.
 */
public final class PortWatch {

    private static final String TCP_LISTEN = "0A";

    private PortWatch() {
    }

    public static boolean bound(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = Path.of("/proc/thread-self/net", table);
            if (!Files.exists(p)) {
                continue;
            }
            boolean tcp = table.startsWith("tcp");
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ...
                if (f.length > 3 && f[1].endsWith(hexPort) && (!tcp || f[3].equals(TCP_LISTEN))) {
                    return true;
                }
            }
        }
        return false;
    }
}
