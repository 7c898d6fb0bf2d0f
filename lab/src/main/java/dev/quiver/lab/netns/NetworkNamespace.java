package dev.quiver.lab.netns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A named network namespace ({@code ip netns}), mounted under {@code /var/run/netns}. */
public final class NetworkNamespace {

    /** Where {@code ip netns} mounts named namespaces. */
    public static final Path RUN_DIR = Path.of("/var/run/netns");

    private final IpTool ip;
    private final String name;

    private NetworkNamespace(IpTool ip, String name) {
        this.ip = ip;
        this.name = name;
    }

    /** Creates the namespace; it has only a loopback interface, down, and no routes. */
    public static NetworkNamespace add(IpTool ip, String name) throws IOException {
        ip.run("netns", "add", name);
        return new NetworkNamespace(ip, name);
    }

    /** A handle on an existing namespace (to clean it up). */
    public static NetworkNamespace existing(IpTool ip, String name) {
        return new NetworkNamespace(ip, name);
    }

    /** The names of all named namespaces on this machine. */
    public static List<String> list(IpTool ip) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : ip.run("netns", "list").split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                // "name" or "name (id: 3)"
                int sp = l.indexOf(' ');
                names.add(sp < 0 ? l : l.substring(0, sp));
            }
        }
        return names;
    }

    public String name() {
        return name;
    }

    public Path path() {
        return RUN_DIR.resolve(name);
    }

    /** Runs {@code ip -n NAME ARGS}: {@code ip} applied inside this namespace. */
    public String ip(String... args) throws IOException {
        String[] full = new String[args.length + 2];
        full[0] = "-n";
        full[1] = name;
        System.arraycopy(args, 0, full, 2, args.length);
        return ip.run(full);
    }

    /** The ids of the processes that live in this namespace. */
    public List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String line : ip.run("netns", "pids", name).split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                try {
                    pids.add(Long.parseLong(l));
                } catch (NumberFormatException ignored) {
                    // not a pid line
                }
            }
        }
        return pids;
    }

    /** Removes the name; the namespace itself ends once nothing lives in it any more. */
    public void delete() throws IOException {
        ip.run("netns", "delete", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
