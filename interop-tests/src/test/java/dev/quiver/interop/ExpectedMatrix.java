package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An interop matrix as a test expects it: for every case, the cell of each engine (netty, kwik),
 * with the reason for every cell that is not {@code pass}. {@link #check} compares the JSON report
 * of {@code quiver interop} with it; any other result fails the test.
 */
final class ExpectedMatrix {

    static final List<String> ENGINES = List.of("netty", "kwik");

    /**
     * @param verdict the verdicts accepted, {@code |}-separated
     * @param reason why a cell is not pass (documentation of a stack's or a server's limits)
     * @param detailFragment what the cell's detail must contain, or null
     * @param detailPattern a regular expression the whole detail of a pass must match, or null
     * @param failPattern a regular expression the whole detail of a fail must match, or null
     */
    record Cell(String verdict, String reason, String detailFragment, String detailPattern, String failPattern) {
        Cell(String verdict, String reason, String detailFragment, String detailPattern) {
            this(verdict, reason, detailFragment, detailPattern, null);
        }
    }

    private final Map<String, List<Cell>> cells = new LinkedHashMap<>();

    static Cell pass() {
        return new Cell("pass", null, null, null);
    }

    /** Pass, with a detail that matches {@code pattern} (what the wire showed). */
    static Cell passSeeing(String pattern) {
        return new Cell("pass", null, null, pattern);
    }

    static Cell unsupported(String why) {
        return new Cell("unsupported", why, why, null);
    }

    static Cell fail(String why, String detailFragment) {
        return new Cell("fail", why, detailFragment, null);
    }

    /** The server does not meet the case's precondition. */
    static Cell notShown(String why, String detailFragment) {
        return new Cell("not_shown", why, detailFragment, null);
    }

    /** A cell whose outcome varies from run to run for a known reason in a peer; either verdict is accepted. */
    static Cell passOrFail(String why) {
        return new Cell("pass|fail", why, null, null);
    }

    /**
     * Pass as {@code pattern} says, or a fail whose detail matches {@code failPattern}: a peer that now
     * and then stalls, for {@code why}; any other failure fails the test.
     */
    static Cell passOrFailing(String why, String pattern, String failPattern) {
        return new Cell("pass|fail", why, null, pattern, failPattern);
    }

    /** Cases and their cells: {@code "handshake", pass(), pass(), "v2", ...}. */
    static ExpectedMatrix of(Object... caseAndCells) {
        ExpectedMatrix m = new ExpectedMatrix();
        for (int i = 0; i < caseAndCells.length; i += 3) {
            m.cells.put((String) caseAndCells[i], List.of((Cell) caseAndCells[i + 1], (Cell) caseAndCells[i + 2]));
        }
        return m;
    }

    /** The {@code --cases} value. */
    String cases() {
        return String.join(",", cells.keySet());
    }

    /**
     * Compares the command's report with the expected cells: every cell's verdict and detail, the
     * count of cells, the exit code (5 when a cell failed, else 0) and {@code ok}.
     *
     * @param where what ran, for the messages
     * @return the report
     */
    JsonNode check(QuiverProcess.Outcome out, String where) {
        JsonNode j;
        try {
            j = new ObjectMapper().readTree(out.stdout());
        } catch (IOException e) {
            throw new AssertionError("no JSON from quiver interop (exit " + out.exitCode() + "): " + out.stdout() + out.stderr(), e);
        }
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        boolean failed = false;
        for (JsonNode r : j.get("results")) {
            String c = r.get("case").asText();
            String engine = r.get("engine").asText();
            Cell want = cells.get(c).get(ENGINES.indexOf(engine));
            String verdict = r.get("verdict").asText();
            String detail = r.get("detail").asText();
            seen++;
            failed |= verdict.equals("fail");
            System.out.printf("interop %s %s/%s: %s in %d ms: %s%n", where, c, engine, verdict, r.get("ms").asLong(), detail);
            if (!List.of(want.verdict().split("\\|")).contains(verdict)
                    || (want.detailFragment() != null && !detail.contains(want.detailFragment()))
                    || (want.detailPattern() != null && verdict.equals("pass") && !detail.matches(want.detailPattern()))
                    || (want.failPattern() != null && verdict.equals("fail") && !detail.matches(want.failPattern()))) {
                String shape = want.detailFragment() != null ? " (" + want.detailFragment() + ")"
                        : want.detailPattern() != null ? " matching " + want.detailPattern() : "";
                wrong.add(c + "/" + engine + ": expected " + want.verdict() + shape + ", got " + verdict + ": " + detail);
            }
        }
        assertTrue(wrong.isEmpty(), where + ":\n  " + String.join("\n  ", wrong));
        assertEquals(cells.size() * ENGINES.size(), seen, out.stdout());
        assertEquals(failed ? 5 : 0, out.exitCode(), out.stderr());
        assertEquals(!failed, j.get("ok").asBoolean());
        return j;
    }
}
