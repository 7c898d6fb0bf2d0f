package dev.quiver.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.schedule.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line per variant, updated in place on a terminal. */
class ProgressBoardTest {

    private static final Workload TEN_SECONDS = new Workload(4, 10, 0, Duration.ofSeconds(10), 0, Duration.ofSeconds(30));

    @Test
    void eachLoadUpdatesItsOwnLineInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBoard board = new ProgressBoard(out, List.of("h1/netty", "h2/netty"));
        ProgressLine h1 = board.line(0, "h1/netty", TEN_SECONDS);
        h1.accept(new IntervalSample(1.0, 500, 2, 500, 1.5, 4.25, 40));
        String first = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, first.chars().filter(c -> c == '\n').count(), "two lines drawn: " + first);
        assertTrue(first.contains("h1/netty 1s/10s  requests 502  500 req/s  p99 4.25 ms  errors 2  live 40"), first);
        assertTrue(first.contains("h2/netty  waiting"), first);
        assertFalse(first.contains("\033[2A"), "nothing to move over yet");

        bytes.reset();
        h1.accept(new IntervalSample(2.0, 600, 0, 600, 1.5, 3.0, 40));
        ProgressLine h2 = board.line(1, "h2/netty", TEN_SECONDS);
        h2.accept(new IntervalSample(1.0, 900, 0, 900, 1.0, 2.0, 40));
        String later = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(later.startsWith("\033[2A"), "moves up over the board to redraw it");
        assertTrue(later.contains("h1/netty 2s/10s  requests 1102  600 req/s  p99 3.00 ms  errors 2"), "counts add up: " + later);
        assertTrue(later.contains("h2/netty 1s/10s  requests 900  900 req/s"), later);

        bytes.reset();
        board.finish();
        assertEquals("\033[2A\r\033[J", bytes.toString(StandardCharsets.UTF_8), "the board is erased for the report");
    }

    @Test
    void aSingleLineForRunStillRewritesTheCurrentLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "run",
                new Workload(1, 1, 1000, null, 0, Duration.ofSeconds(30)));
        line.update(new IntervalSample(1.0, 100, 0, 100, 1, 2, 1));
        assertEquals("\r\033[Krun 1s  requests 100/1000  100 req/s  p99 2.00 ms  errors 0  live 1", bytes.toString(StandardCharsets.UTF_8));
        line.finish();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\r\033[K"));
    }
}
