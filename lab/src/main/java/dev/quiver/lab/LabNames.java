package dev.quiver.lab;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one lab's namespaces and working directory: {@code qlab-PID-N-client},
 * {@code qlab-PID-N-server} and {@code TMP/qlab-PID-N}. The owner's pid in the name is what lets
 * a later lab tell a crashed lab's leftovers (pid gone) from a running lab's (pid alive); the
 * counter lets one process run several labs at once.
 */
public record LabNames(long pid, int sequence) {

    public static final String PREFIX = "qlab-";
    /** A namespace or directory of some lab; group 1 is the owner's pid. */
    static final Pattern ANY = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)(-client|-server)?");

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Fresh names for another lab of this process. */
    public static LabNames next() {
        return new LabNames(ProcessHandle.current().pid(), SEQUENCE.incrementAndGet());
    }

    /** The names the next {@link #next()} of this process will give (tests use it to stand in a lab's way). */
    static LabNames upcoming() {
        return new LabNames(ProcessHandle.current().pid(), SEQUENCE.get() + 1);
    }

    public String base() {
        return PREFIX + pid + "-" + sequence;
    }

    public String namespace(Side side) {
        return base() + (side == Side.CLIENT ? "-client" : "-server");
    }

    public Path directory() {
        return temp().resolve(base());
    }

    static Path temp() {
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
    }

    /** The owner's pid if {@code name} is a lab's namespace or directory name, else -1. */
    static long owner(String name) {
        Matcher m = ANY.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
