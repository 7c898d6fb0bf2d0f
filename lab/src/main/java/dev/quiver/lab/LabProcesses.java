package dev.quiver.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes a lab started ({@code ip netns exec NAMESPACE ...}), and their stop: the last one
 * started is stopped first, each with SIGTERM to it and its descendants, a grace period, then
 * SIGKILL. Only these pids (and their descendants) are ever signalled.
 */
final class LabProcesses {

    private record Started(Process process, long graceMillis) {
    }

    private final List<Started> started = new ArrayList<>();

    /**
     * Starts {@code ip netns exec NAMESPACE COMMAND...}; {@code ip} switches namespace and then
     * executes the command in its own place, so the pid is the command's.
     *
     * @param graceMillis how long the process gets to end after SIGTERM at tear-down
     */
    synchronized Process start(String ip, String namespace, List<String> command, long graceMillis,
                               Consumer<ProcessBuilder> setup) throws IOException {
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full);
        setup.accept(pb);
        Process p = pb.start();
        started.add(new Started(p, graceMillis));
        return p;
    }

    /** Stops every process, newest first. */
    void stopAll() {
        List<Started> all;
        synchronized (this) {
            all = new ArrayList<>(started);
            started.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            stop(all.get(i).process(), all.get(i).graceMillis());
        }
    }

    static void stop(Process p, long graceMillis) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(0, p.toHandle());
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
