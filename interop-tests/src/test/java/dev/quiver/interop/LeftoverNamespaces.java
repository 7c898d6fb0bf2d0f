package dev.quiver.interop;

import java.io.IOException;
import java.util.List;

/**
 * The labs' namespaces ({@code qlab-PID-N-side}) whose lab process is gone: what a lab left behind.
 * Those of labs still running (another build's, on the same machine) are not a test's business.
 */
final class LeftoverNamespaces {

    private LeftoverNamespaces() {
    }

    static List<String> list() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith("qlab-")).filter(n -> !ownerAlive(n)).sorted().toList();
    }

    private static boolean ownerAlive(String namespace) {
        String[] parts = namespace.split("-");
        try {
            return parts.length > 1 && ProcessHandle.of(Long.parseLong(parts[1])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
