package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM (what timeout, CI cancellation, docker stop and Kubernetes send) and SIGINT (Ctrl-C)
 * during a long load: each command stops, cancels what is in flight, prints its report and exits
 * with the code its run earned; nothing is left live. The signal goes to quiver's pid only, once
 * the server sees quiver's requests in flight.
 */
class SignalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    /** Each request takes 200 ms at the server, so that some are always in flight when the signal comes. */
    private static String slowUrl(boolean tls) {
        return tls ? "https://127.0.0.1:" + SERVE.get().tlsPort + "/delay/200" : "http://127.0.0.1:" + SERVE.get().plainPort + "/delay/200";
    }

    /** Requests the server holds now. */
    private static long serverLiveStreams() throws Exception {
        return SERVE.get().gauge("quiver_serve_live_streams");
    }

    /** A quiver process, and the requests the server held before it started. */
    private record Started(QuiverProcess.Running q, long serverLiveBefore) {
    }

    private static Started start(String... args) throws Exception {
        long before = serverLiveStreams();
        return new Started(QuiverProcess.start(args), before);
    }

    /**
     * Waits until the server holds more requests than before quiver started: the load is under way
     * (and quiver's signal handler in place). Counted from a baseline: the server's count of a
     * cancelled HTTP/1.1 /delay request of an earlier test may never come down.
     */
    private static QuiverProcess.Running awaitLoad(Started s) throws Exception {
        try {
            Await.until("request of quiver's at the server", Duration.ofSeconds(60), s.q().process,
                    () -> serverLiveStreams() > s.serverLiveBefore());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; stderr: " + s.q().stderrSoFar());
        }
        Thread.sleep(500); // a little load behind it
        return s.q();
    }

    private static String stopReason(String signal) {
        return signal.equals("TERM") ? "terminated" : "interrupted";
    }

    private static void assertRunReport(JsonNode run, String signal, String what) {
        assertEquals(stopReason(signal), run.get("stop_reason").asText(), what);
        assertEquals(0, run.at("/streams/live").asLong(), what + ": live streams");
        assertEquals(0, run.at("/streams/double_terminal").asLong(), what);
        // A leak check's default warm-up may still run when the signal comes: its requests are the warm-up's.
        assertEquals(run.at("/streams/opened").asLong(), run.at("/requests/total").asLong() + run.at("/requests/retried").asLong()
                + run.at("/warmup/requests").asLong() + run.at("/warmup/retried").asLong(), what + ": every stream is a request");
        assertTrue(run.at("/requests/aborted").asLong() + run.at("/warmup/aborted").asLong() > 0,
                what + ": requests in flight were cancelled as aborted: " + run.get("requests") + " " + run.get("warmup"));
        assertTrue(run.get("duration_s").asDouble() < 60, what);
    }

    private static void assertOneLineFree(QuiverProcess.Outcome out) {
        assertFalse(out.stderr().contains("Exception"), out.stderr());
        assertFalse(out.stderr().contains("\tat "), out.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void runPrintsItsReport(String signal) throws Exception {
        QuiverProcess.Running q = awaitLoad(start("run", slowUrl(false), "-c", "4", "-z", "120s", "--json"));
        long t0 = System.nanoTime();
        q.signal(signal);
        var out = q.finish(30);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, out.exitCode(), "the run balanced its books: " + out.stderr());
        assertRunReport(JSON.readTree(out.stdout()), signal, "run");
        assertOneLineFree(out);
        assertTrue(millis < 15_000, "ended " + millis + " ms after the signal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void compareStopsAndPrintsTheVariantsSoFar(String signal) throws Exception {
        QuiverProcess.Running q = awaitLoad(start("compare", slowUrl(false), "-c", "2", "-p", "2", "-z", "120s", "--json"));
        q.signal(signal);
        var out = q.finish(30);
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = JSON.readTree(out.stdout());
        assertTrue(j.at("/comparison/interrupted").asBoolean(), out.stdout());
        assertEquals(stopReason(signal), j.at("/comparison/stop_reason").asText());
        JsonNode first = j.get("variants").get(0);
        assertRunReport(first, signal, "compare " + first.get("variant").asText());
        for (JsonNode v : j.get("variants")) {
            assertEquals(0, v.at("/streams/live").asLong(), v.toString());
        }
        assertOneLineFree(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void leakCheckStopsTheLoadAndStillJudges(String signal) throws Exception {
        QuiverProcess.Running q = awaitLoad(start("leak-check", slowUrl(false), "-c", "4", "-z", "120s",
                "--baseline", "1s", "--cooldown", "60s", "--sample-interval", "250ms", "--json"));
        q.signal(signal);
        var out = q.finish(30);
        JsonNode j = JSON.readTree(out.stdout());
        // The exit code is the one the verdict earned (README: 0 no leak, 5 leak, 6 unknown).
        int expected = switch (j.get("verdict").asText()) {
            case "no_leak" -> 0;
            case "leak" -> 5;
            default -> 6;
        };
        assertEquals(expected, out.exitCode(), j.get("verdict") + ": " + out.stderr());
        assertRunReport(j.get("run"), signal, "leak-check");
        assertOneLineFree(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void interopPrintsTheCellsSoFar(String signal) throws Exception {
        QuiverProcess.Running q = QuiverProcess.start("interop", "https://127.0.0.1:" + SERVE.get().tlsPort + "/", "--insecure",
                "--cases", "handshake,transfer,multiplexing,http3", "--engines", "netty,kwik");
        // A first cell has finished: the matrix so far is worth printing.
        assertTrue(q.awaitStderr("  handshake     netty", 60_000), "no first cell: " + q.stderrSoFar());
        q.signal(signal);
        var out = q.finish(30);
        int code = signal.equals("TERM") ? 143 : 130;
        // Cells that finished passed; an incomplete matrix proves no pass: the signal's code (README).
        assertEquals(code, out.exitCode(), out.stderr() + out.stdout());
        assertTrue(out.stderr().contains("quiver: " + stopReason(signal) + " by "), out.stderr());
        assertTrue(out.stdout().matches("(?s).*Result: \\d+ pass, 0 fail, 0 unsupported: interrupted after \\d of 8 cells.*"),
                out.stdout());
        assertOneLineFree(out);
    }
}
