package dev.quiver.lab;

import dev.quiver.lab.sys.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes a lab started ({@code ip netns exec NAMESPACE ...}), and their stop: the last one
 * started is stopped first, each with SIGTERM to it and its descendants, a grace period, then
 * SIGKILL. A process started as interruptible runs in a session of its own and is first stopped
 * as Ctrl-C would stop it, SIGINT to its process group (quiver prints its report on SIGINT); the
 * lab forwards that one signal, so a Ctrl-C at the terminal reaches it exactly once. Only these
 * pids (and their descendants) are ever signalled.
 */
final class LabProcesses {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path ENV = Path.of("/usr/bin/env");
    /** Whether env can reset a signal to its default (GNU coreutils 8.31 and later). */
    private static volatile Boolean envResetsSignals;
    private static final int SIGINT = 2;

    private record Started(Process process, long graceMillis, boolean interrupt) {
    }

    private final List<Started> started = new ArrayList<>();

    /**
     * Starts {@code ip netns exec NAMESPACE COMMAND...}; {@code ip} switches namespace and then
     * executes the command in its own place, so the pid is the command's.
     *
     * @param graceMillis how long the process gets to end after SIGTERM at tear-down
     */
    synchronized Process start(String ip, String namespace, List<String> command, long graceMillis, boolean interruptible,
                               Consumer<ProcessBuilder> setup) throws IOException {
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
        boolean ownSession = interruptible && Files.isExecutable(SETSID);
        if (ownSession) {
            // not a process group leader, so setsid makes the new session in place: the pid stays ours
            full.add(SETSID.toString());
            if (envResetsSignals()) {
                // A lab started with SIGINT ignored (nohup, a script's background job) would pass that on, and the
                // client would not hear the one signal that makes it stop and report.
                full.addAll(List.of(ENV.toString(), "--default-signal=INT"));
            }
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full);
        setup.accept(pb);
        Process p = pb.start();
        started.add(new Started(p, graceMillis, ownSession));
        return p;
    }

    private static boolean envResetsSignals() {
        Boolean b = envResetsSignals;
        if (b == null) {
            try {
                Process p = new ProcessBuilder(ENV.toString(), "--default-signal=INT", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                b = p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                b = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                b = false;
            }
            envResetsSignals = b;
        }
        return b;
    }

    /** Stops every process, newest first. */
    void stopAll() {
        List<Started> all;
        synchronized (this) {
            all = new ArrayList<>(started);
            started.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Started s = all.get(i);
            stop(s.process(), s.graceMillis(), s.interrupt());
        }
    }

    static void stop(Process p, long graceMillis, boolean interrupt) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(0, p.toHandle());
        if (interrupt && p.isAlive() && LibC.check() == null) {
            LibC.kill(-(int) p.pid(), SIGINT); // its process group: the process and what it started
            awaitGone(all, graceMillis);
            graceMillis = 2_000;
        }
        all.forEach(ProcessHandle::destroy);
        awaitGone(all, graceMillis);
        all.forEach(ProcessHandle::destroyForcibly);
        awaitGone(all, 5_000);
    }

    /** Waits until none of them is alive any more, at most {@code millis}. */
    private static void awaitGone(List<ProcessHandle> processes, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ProcessHandle h : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception timedOut) {
                return;
            }
        }
    }
}
