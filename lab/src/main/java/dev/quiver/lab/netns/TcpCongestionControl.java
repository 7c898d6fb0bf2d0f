package dev.quiver.lab.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The TCP congestion control of a lab's namespaces. A new namespace inherits the machine's default,
 * which on many kernels is BBR: BBR does not back off on random loss, while the QUIC stacks quiver
 * drives (quiche's CUBIC, Kwik's NewReno) do. HTTP/2 against HTTP/3 over a lossy link is then mostly
 * BBR against CUBIC; the lab reports which one TCP used, and {@code --tcp-cc} chooses it (on the routes
 * between the sides).
 */
public final class TcpCongestionControl {

    private static final Path CURRENT = Path.of("/proc/sys/net/ipv4/tcp_congestion_control");
    private static final Path AVAILABLE = Path.of("/proc/sys/net/ipv4/tcp_available_congestion_control");

    private TcpCongestionControl() {
    }

    /** The algorithms this kernel has loaded (e.g. {@code [reno, cubic, bbr]}). */
    public static List<String> available() throws IOException {
        return List.of(Files.readString(AVAILABLE).trim().split("\\s+"));
    }

    /** Refuses, before any namespace exists, an algorithm this kernel does not offer. */
    public static void check(String name) throws IOException {
        List<String> offered = available();
        if (!offered.contains(name)) {
            throw new IllegalArgumentException("--tcp-cc: " + name + " is not available on this kernel (available: "
                    + String.join(", ", offered) + ")");
        }
    }

    /** The algorithm new TCP connections get in the thread's namespace. */
    static String current(NamespaceThread thread) throws IOException {
        return thread.call(() -> Files.readString(CURRENT).trim());
    }

    /**
     * What TCP uses between the two sides: {@code name} when one was asked for (the lab sets it on the
     * route to the other side, {@code congctl}: a namespace may not make CUBIC its default where the
     * machine allows only BBR and Reno, but a route may use any loaded algorithm), else the namespace's
     * default as inherited from the machine.
     */
    public static String inUse(NamespaceThread client, String name) throws IOException {
        return name != null ? name : current(client);
    }
}
