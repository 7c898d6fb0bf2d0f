package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.core.engine.SocketErrors;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How many connections this process can hold, checked before a run: every connection is a socket,
 * so a descriptor, and to one address a local port. A {@code -c} above that cannot be served and
 * would only end in a storm of failing connects; it is refused up front with the limit and how to
 * raise it.
 *
 * <p>The JVM raises its soft descriptor limit to the hard one at start-up, so the limit seen here
 * is normally {@code ulimit -Hn}; above it only root can go.
 *
 * @param descriptorLimit the soft limit on open descriptors ({@code ulimit -n}); -1 when unknown
 * @param hardDescriptorLimit the hard limit ({@code ulimit -Hn}); -1 when unknown or unlimited
 * @param openNow descriptors open now (class path jars, the JVM's own)
 * @param localPorts ports in {@code net.ipv4.ip_local_port_range}; -1 when unknown
 */
public record ConnectionLimits(long descriptorLimit, long hardDescriptorLimit, long openNow, long localPorts) {

    /** Most connections one run may ask for, whatever the limits say (each costs memory besides its socket). */
    public static final long MAX_CONNECTIONS = 1_000_000;
    /** Descriptors per event-loop thread: epoll, its wake-up eventfd and timerfd. */
    static final int DESCRIPTORS_PER_IO_THREAD = 3;
    /** Descriptors the JVM and TLS may open during the run besides the sockets (random sources, libraries). */
    static final int RESERVE = 64;

    /** The limits of this process, as far as they can be read without native code. */
    public static ConnectionLimits current() {
        long soft = SocketErrors.descriptorLimit();
        long open = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            open = unix.getOpenFileDescriptorCount();
        }
        return new ConnectionLimits(soft, readHardLimit(), Math.max(0, open), readLocalPorts());
    }

    /**
     * Refuses {@code connections} sockets (and {@code ioThreads} event loops) that do not fit.
     *
     * @param what how the user asked for them, for the message: {@code -c 30000}
     */
    public void check(long connections, int ioThreads, String what) {
        String problem = problem(connections, ioThreads, what);
        if (problem != null) {
            throw new UsageException(problem);
        }
    }

    /** The one-line reason why {@code connections} do not fit, or null when they do. */
    String problem(long connections, int ioThreads, String what) {
        if (connections > MAX_CONNECTIONS) {
            return what + " asks for " + connections + " connections; quiver opens at most " + MAX_CONNECTIONS + " from one process";
        }
        if (descriptorLimit > 0) {
            long needed = openNow + connections + (long) DESCRIPTORS_PER_IO_THREAD * ioThreads + RESERVE;
            if (needed > descriptorLimit) {
                long fits = Math.max(0, descriptorLimit - (needed - connections));
                String raise = hardDescriptorLimit > 0 && needed > hardDescriptorLimit
                        ? "as root, since the hard limit is " + hardDescriptorLimit
                        : "up to the hard limit" + (hardDescriptorLimit > 0 ? " " + hardDescriptorLimit : "");
                return String.format(Locale.ROOT, "%s needs about %d file descriptors, but this process may open %d "
                        + "(ulimit -n): lower it (at most %d connections fit) or raise the limit with 'ulimit -n %d' (%s)",
                        what, needed, descriptorLimit, fits, needed, raise);
            }
        }
        if (localPorts > 0 && connections > localPorts) {
            return String.format(Locale.ROOT, "%s needs %d local ports to one address, but the system has %d "
                    + "(net.ipv4.ip_local_port_range): lower it, or widen the range (sysctl, as root)",
                    what, connections, localPorts);
        }
        return null;
    }

    /** The hard limit from {@code /proc/self/limits} ("Max open files  SOFT  HARD  files"); -1 when unknown or unlimited. */
    static long readHardLimit() {
        String limits = readSmall(Path.of("/proc/self/limits"));
        if (limits == null) {
            return -1;
        }
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                return parts.length >= 2 ? number(parts[1]) : -1;
            }
        }
        return -1;
    }

    /** How many ports {@code net.ipv4.ip_local_port_range} holds; -1 when unknown. */
    static long readLocalPorts() {
        String range = readSmall(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        if (range == null) {
            return -1;
        }
        String[] parts = range.trim().split("\\s+");
        if (parts.length != 2) {
            return -1;
        }
        long lo = number(parts[0]);
        long hi = number(parts[1]);
        return lo > 0 && hi >= lo ? hi - lo + 1 : -1;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1; // "unlimited"
        }
    }

    /** A small file of /proc (whose size reads as 0, so it is read up to a fixed length); null when it cannot be read. */
    private static String readSmall(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(8192), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
