package dev.quiver.server.loop;

/**
 * Tells a failure for want of file descriptors (EMFILE: the process's limit, ENFILE: the system's)
 * from other I/O failures. Both Netty's native transport and the JDK report them with the C
 * library's text, "Too many open files" ("... in system" for ENFILE), which is all they share.
 */
public final class DescriptorExhaustion {

    private static final String TEXT = "Too many open files";
    /** A cause chain longer than this is not walked further (and cannot loop). */
    private static final int MAX_DEPTH = 8;

    private DescriptorExhaustion() {
    }

    /** True if {@code failure} or one of its causes says the process or system ran out of descriptors. */
    public static boolean is(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(TEXT)) {
                return true;
            }
        }
        return false;
    }
}
