package dev.quiver.cli.debug;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the user asked to see quiver's insides ({@code --debug}, or {@code QUIVER_DEBUG} set):
 * stack traces of internal errors, and the libraries' own log lines.
 *
 * <p>Netty logs through {@code java.util.logging}, and its warnings carry stack traces (a TLS
 * record that is not TLS, a reset during set-up, a listener that threw): to a user they are noise
 * in front of the report, which already names each failure by its error category. So they are
 * off unless debugging. Kwik's log lines already go to quiver's own loggers, which keep none.
 */
public final class Debug {

    /** Held strongly: java.util.logging keeps its loggers weakly, and a collected one forgets its level. */
    private static final Logger NETTY = Logger.getLogger("io.netty");
    private static volatile boolean on = System.getenv("QUIVER_DEBUG") != null;

    private Debug() {
    }

    /** Debugging from now on ({@code --debug}). */
    public static void enable() {
        on = true;
        routeLibraryLogs();
    }

    public static boolean on() {
        return on;
    }

    /**
     * Library log lines to stderr when debugging, nowhere otherwise; an exception that ends a
     * thread is one line unless debugging. Called before a client command runs.
     */
    public static void routeLibraryLogs() {
        NETTY.setLevel(on ? null : Level.OFF);
        if (!on) {
            Thread.setDefaultUncaughtExceptionHandler((t, e) ->
                    System.err.println("quiver: internal error in thread " + t.getName() + ": " + e
                            + " (--debug shows the stack trace)"));
        } else {
            Thread.setDefaultUncaughtExceptionHandler(null);
        }
    }
}
