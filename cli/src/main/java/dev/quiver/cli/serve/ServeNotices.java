package dev.quiver.cli.serve;

import dev.quiver.server.ReferenceServers;
import dev.quiver.server.loop.DescriptorExhaustion;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code quiver serve}'s notices on stderr about trouble the servers survive: accept() failing
 * (out of file descriptors), connections closed for want of them, failures that reached an event
 * loop. The servers only count (logging from an event loop at that moment is what needs a free
 * descriptor); this reads the counters once a second on its own thread and writes a line when
 * they move: at most one every {@value #REPEAT_SECONDS} s while the trouble lasts, one when it
 * ends, and a summary when the server stops.
 */
public final class ServeNotices implements AutoCloseable {

    static final long REPEAT_SECONDS = 5;

    private final ReferenceServers servers;
    private final PrintStream err;
    private final long descriptorLimit = descriptorLimit();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quiver-serve-notices");
        t.setDaemon(true);
        return t;
    });

    private long acceptFailuresSeen;
    private long loopErrorsSeen;
    private boolean failing;
    private long lastAcceptNoticeNanos;
    private long lastLoopNoticeNanos;

    private ServeNotices(ReferenceServers servers, PrintStream err) {
        this.servers = servers;
        this.err = err;
    }

    /** Starts watching {@code servers}; notices go to {@code err}. */
    public static ServeNotices start(ReferenceServers servers, PrintStream err) {
        ServeNotices notices = new ServeNotices(servers, err);
        notices.timer.scheduleWithFixedDelay(notices::check, 1, 1, TimeUnit.SECONDS);
        return notices;
    }

    synchronized void check() {
        long now = System.nanoTime();
        long failures = servers.acceptFailures();
        if (failures > acceptFailuresSeen) {
            if (!failing || now - lastAcceptNoticeNanos >= TimeUnit.SECONDS.toNanos(REPEAT_SECONDS)) {
                err.println("quiver serve: " + acceptTrouble() + ": " + failures + " accept failures, "
                        + servers.connectionsShed() + " waiting connections closed; accepting again as soon as it can");
                lastAcceptNoticeNanos = now;
            }
            failing = true;
        } else if (failing) {
            failing = false;
            err.println("quiver serve: accepting again (" + failures + " accept failures, "
                    + servers.connectionsShed() + " waiting connections closed so far)");
        }
        acceptFailuresSeen = failures;
        long loopErrors = servers.eventLoopErrors();
        if (loopErrors > loopErrorsSeen && now - lastLoopNoticeNanos >= TimeUnit.SECONDS.toNanos(REPEAT_SECONDS)) {
            err.println("quiver serve: an event loop survived " + describe(servers.lastEventLoopError())
                    + " (" + loopErrors + " so far)");
            lastLoopNoticeNanos = now;
            loopErrorsSeen = loopErrors;
        }
    }

    /** One line on what was survived since the start, or null when there was nothing. */
    public synchronized String summary() {
        long failures = servers.acceptFailures();
        long loopErrors = servers.eventLoopErrors();
        if (failures == 0 && loopErrors == 0) {
            return null;
        }
        return "quiver serve: stopped; " + failures + " accept failures, " + servers.connectionsShed()
                + " waiting connections closed, " + loopErrors + " event-loop failures survived; " + acceptTrouble();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private String acceptTrouble() {
        Throwable last = servers.lastAcceptFailure();
        if (last == null || DescriptorExhaustion.is(last)) {
            return "out of file descriptors" + (descriptorLimit > 0 ? " (limit " + descriptorLimit + "; ulimit -n raises it)" : "");
        }
        return "accept() failing: " + describe(last);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "nothing";
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long descriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }
}
