package dev.quiver.interop.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.interop.QuiverProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Runs the built jar against a hostile server and checks what a user would see: it ends by itself
 * in time, with a documented exit code (0 and a report, or 3 and one line), never a stack trace,
 * and a report whose books balance with a bounded set of error categories. Each run is measured
 * (exit code, time to end, peak RSS) for the table every hostile test class prints at its end.
 */
final class QuiverUnderAttack {

    /** The load of every hostile case: small, bounded in count and in time. */
    static final List<String> LOAD = List.of("-c", "4", "-p", "4", "-n", "200", "-z", "4s", "-t", "2s",
            "--json", "--no-progress");
    /**
     * A heap far below the default, yet ten times what these loads keep live: a client whose memory
     * grows with what a server sends runs out of it within the load (and fails the run) instead of
     * passing unnoticed.
     */
    static final List<String> JVM = List.of("-Xmx128m");
    /** Longest a run may take before it counts as wedged: a slow connect, the load's 4 s, start-up and shutdown. */
    static final long BOUND_SECONDS = 25;

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run gave. {@code report} is null unless stdout was a JSON report. */
    record Run(String name, int exitCode, double seconds, long peakRssKiB, String stdout, String stderr, JsonNode report) {
        String row() {
            return String.format("%-44s exit %d  %5.1f s  %4d MiB", name, exitCode, seconds, peakRssKiB / 1024);
        }
    }

    private QuiverUnderAttack() {
    }

    /**
     * Runs {@code quiver run URL} with the standard load, the connect timeout and {@code extra} flags.
     * The connect timeout is 2 s where a case expects no connection and more where it must connect:
     * a busy 2-core machine (the server shares it) can take seconds for a first handshake.
     */
    static Run run(String name, String url, String connectTimeout, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", url, "--connect-timeout", connectTimeout));
        args.addAll(LOAD);
        args.addAll(List.of(extra));
        Process p = QuiverProcess.builder(JVM, args.toArray(String[]::new)).start();
        long start = System.nanoTime();
        AtomicLong peak = new AtomicLong();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            long deadline = start + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
                peak.accumulateAndGet(peakRssKiB(status), Math::max);
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    fail(name + ": quiver did not end within " + BOUND_SECONDS + " s (wedged); stderr: " + err);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            o.join(5_000);
            e.join(5_000);
            String stdout = out.toString(StandardCharsets.UTF_8);
            String stderr = err.toString(StandardCharsets.UTF_8);
            JsonNode report = null;
            if (p.exitValue() == 0) {
                try {
                    report = JSON.readTree(stdout);
                } catch (IOException notJson) {
                    fail(name + ": exit 0 but stdout is no JSON report: " + stdout + "\nstderr: " + stderr);
                }
            }
            return new Run(name, p.exitValue(), seconds, peak.get(), stdout, stderr, report);
        } finally {
            p.destroyForcibly();
        }
    }

    /** VmHWM (peak resident set) of a live process in KiB; 0 once it is gone. */
    private static long peakRssKiB(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process just ended
        }
        return 0;
    }

    /**
     * The checks every hostile case must pass: an allowed exit code (never 1, internal error, nor 4,
     * books that do not balance), no stack trace, and the form that exit code promises.
     */
    static void assertSane(Run r, Set<Integer> allowedExits) {
        String context = r.name() + "\nstderr: " + r.stderr() + "\nstdout: " + r.stdout();
        assertFalse(r.exitCode() == 1 || r.exitCode() == 4, "exit " + r.exitCode() + ": " + context);
        assertTrue(allowedExits.contains(r.exitCode()), "exit " + r.exitCode() + " not in " + allowedExits + ": " + context);
        assertFalse(r.stderr().contains("Exception in thread"), "a thread died: " + context);
        for (String line : r.stderr().split("\n")) {
            assertFalse(STACK_FRAME.matcher(line).find(), "stack trace on stderr: " + context);
        }
        if (r.exitCode() == 3) {
            assertEquals(1, r.stderr().strip().lines().count(), "exit 3 says one line: " + context);
            assertTrue(r.stderr().startsWith("quiver: "), context);
            assertEquals("", r.stdout().strip(), "no report after exit 3: " + context);
            return;
        }
        JsonNode j = r.report();
        assertEquals(0, j.at("/streams/live").asLong(-1), "streams.live: " + context);
        assertEquals(0, j.at("/streams/double_terminal").asLong(-1), "streams.double_terminal: " + context);
        assertFalse(j.path("stream_leak").asBoolean(true), "stream_leak: " + context);
        long total = j.at("/requests/total").asLong();
        assertEquals(total, j.at("/requests/ok").asLong() + j.at("/requests/failed").asLong()
                + j.at("/requests/aborted").asLong(), "total = ok + failed + aborted: " + context);
        int named = 0;
        for (Iterator<String> it = j.path("errors").fieldNames(); it.hasNext(); ) {
            String category = it.next();
            if (!category.equals("other")) {
                named++;
            }
            assertFalse(category.contains("Exception"), "a Java class for a category: " + category + " in " + context);
        }
        assertTrue(named <= 32, named + " error categories (at most 32 plus other): " + context);
    }

    /** Every error category of the run starts with {@code prefix} (and there is at least one). */
    static void assertAllErrors(Run r, String prefix) {
        JsonNode errors = r.report().path("errors");
        assertTrue(errors.size() > 0, "errors expected: " + r.stdout());
        for (Iterator<String> it = errors.fieldNames(); it.hasNext(); ) {
            String category = it.next();
            assertTrue(category.startsWith(prefix), "category " + category + " is not " + prefix + "...: " + r.stdout());
        }
    }

    /** The number of streams that ended in this terminal state (a key of the report's {@code streams}). */
    static long streams(Run r, String state) {
        return r.report().at("/streams/" + state).asLong();
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
