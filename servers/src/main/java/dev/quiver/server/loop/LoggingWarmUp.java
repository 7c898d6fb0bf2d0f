package dev.quiver.server.loop;

import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Loads, while descriptors are still free, what writing a log line will need later. The JDK's
 * log formatter reads the time-zone rules file the first time it stamps a record; a server's first
 * warning often comes when it has just run out of file descriptors, the file cannot be opened,
 * {@code ZoneRulesProvider} fails to initialise for the rest of the JVM's life, and the
 * {@link NoClassDefFoundError} escapes the logger into an event loop. Formatting one record through
 * every installed handler's formatter at start loads the rules and the formatter's classes then.
 */
public final class LoggingWarmUp {

    private static volatile boolean done;

    private LoggingWarmUp() {
    }

    /** Does the warm-up once per JVM; later calls return at once. Never fails. */
    public static void run() {
        if (done) {
            return;
        }
        synchronized (LoggingWarmUp.class) {
            if (done) {
                return;
            }
            done = true;
            try {
                ZoneId.systemDefault().getRules();
                LogRecord record = new LogRecord(Level.WARNING, "warm-up {0}");
                record.setParameters(new Object[] {"record"});
                record.setThrown(new IllegalStateException("warm-up, never shown"));
                for (Handler handler : Logger.getLogger("").getHandlers()) {
                    Formatter formatter = handler.getFormatter();
                    if (formatter != null) {
                        formatter.format(record);
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                // Best effort: a JVM whose logging cannot even start up here has nothing to warm up.
            }
        }
    }
}
