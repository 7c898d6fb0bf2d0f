package dev.quiver.core.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating system's socket errors in quiver's words, whichever way a stack reports them:
 * as the C library's text ({@code Connection reset by peer}, from the JDK and Kwik) or as a bare
 * errno ({@code finishConnect(..) failed with error(-104)}, from Netty's native transport).
 *
 * <p>Some of them are the local machine running out of something (descriptors, ports, kernel
 * memory), not the target failing: {@link #localResource} names those, so that a connection that
 * fails for such a reason backs off instead of trying again at once.
 */
public final class SocketErrors {

    /** Linux errno values (the ones Netty's native transport reports as numbers). */
    private static final int ENOMEM = 12;
    private static final int ENFILE = 23;
    private static final int EMFILE = 24;
    private static final int EPIPE = 32;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;
    private static final int ENETUNREACH = 101;
    private static final int ECONNABORTED = 103;
    private static final int ECONNRESET = 104;
    private static final int ENOBUFS = 105;
    private static final int ETIMEDOUT = 110;
    private static final int ECONNREFUSED = 111;
    private static final int EHOSTUNREACH = 113;

    private static final Pattern ERRNO = Pattern.compile("error\\((-?\\d+)\\)");

    /** The phrases {@link #localResource} gives; a category holding one is about the local machine. */
    private static final String[] LOCAL_PHRASES = {
        "too many open files", "no free local port", "out of socket buffers", "out of kernel memory",
    };

    /**
     * Looked up once, early: at exhaustion, loading the management classes might fail. Asking it
     * for the limit needs no descriptor (getrlimit), so the limit is read when it is named.
     */
    private static final com.sun.management.UnixOperatingSystemMXBean OS = unixBean();

    private SocketErrors() {
    }

    /**
     * What went wrong in words ({@code reset by peer}, {@code too many open files (descriptor
     * limit 20000)}), from the first throwable in the cause chain that carries an OS socket
     * error; null when none does.
     */
    public static String describe(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 8; t = t.getCause() == t ? null : t.getCause()) {
            String words = words(t.getMessage());
            if (words != null) {
                return words;
            }
        }
        return null;
    }

    /** As {@link #describe}, but only for errors that mean the local machine ran out of something; else null. */
    public static String localResource(Throwable failure) {
        String words = describe(failure);
        return words != null && isLocalResource(words) ? words : null;
    }

    /** Whether an error category says the local machine ran out of something (descriptors, ports, memory). */
    public static boolean isLocalResource(String category) {
        if (category == null) {
            return false;
        }
        for (String p : LOCAL_PHRASES) {
            if (category.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** This process's limit on open descriptors now (the soft {@code ulimit -n}), or -1 when unknown. */
    public static long descriptorLimit() {
        if (OS == null) {
            return -1;
        }
        try {
            long max = OS.getMaxFileDescriptorCount();
            return max > 0 ? max : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The words for one message, or null when it holds no OS socket error. */
    static String words(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = ERRNO.matcher(message);
        if (m.find()) {
            String w = errno(Math.abs(Integer.parseInt(m.group(1))));
            if (w != null) {
                return w;
            }
        }
        String s = message.toLowerCase(Locale.ROOT);
        // "Too many open files in system" (ENFILE) before "Too many open files" (EMFILE).
        if (s.contains("too many open files in system")) {
            return errno(ENFILE);
        }
        if (s.contains("too many open files")) {
            return errno(EMFILE);
        }
        if (s.contains("cannot assign requested address")) {
            return errno(EADDRNOTAVAIL);
        }
        if (s.contains("no buffer space available")) {
            return errno(ENOBUFS);
        }
        if (s.contains("cannot allocate memory")) {
            return errno(ENOMEM);
        }
        if (s.contains("connection reset")) {
            return errno(ECONNRESET);
        }
        if (s.contains("connection refused")) {
            return errno(ECONNREFUSED);
        }
        if (s.contains("no route to host")) {
            return errno(EHOSTUNREACH);
        }
        if (s.contains("network is unreachable")) {
            return errno(ENETUNREACH);
        }
        if (s.contains("broken pipe")) {
            return errno(EPIPE);
        }
        if (s.contains("software caused connection abort")) {
            return errno(ECONNABORTED);
        }
        if (s.contains("connection timed out")) {
            return errno(ETIMEDOUT);
        }
        if (s.contains("address already in use")) {
            return errno(EADDRINUSE);
        }
        return null;
    }

    private static String errno(int errno) {
        return switch (errno) {
            case EMFILE -> "too many open files (descriptor limit " + limitText() + "; see ulimit -n)";
            case ENFILE -> "too many open files in the system (fs.file-max)";
            case EADDRNOTAVAIL -> "no free local port (cannot assign requested address)";
            case EADDRINUSE -> "no free local port (address already in use)";
            case ENOBUFS -> "out of socket buffers (no buffer space available)";
            case ENOMEM -> "out of kernel memory";
            case ECONNRESET -> "reset by peer";
            case ECONNREFUSED -> "refused";
            case EHOSTUNREACH -> "no route to host";
            case ENETUNREACH -> "network unreachable";
            case EPIPE -> "broken pipe";
            case ECONNABORTED -> "connection aborted";
            case ETIMEDOUT -> "timed out";
            default -> null;
        };
    }

    private static String limitText() {
        long limit = descriptorLimit();
        return limit > 0 ? Long.toString(limit) : "unknown";
    }

    private static com.sun.management.UnixOperatingSystemMXBean unixBean() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                unix.getMaxFileDescriptorCount(); // loads what the call needs, now rather than at exhaustion
                return unix;
            }
        } catch (RuntimeException | LinkageError e) {
            // no management support: the limit stays unknown
        }
        return null;
    }
}
