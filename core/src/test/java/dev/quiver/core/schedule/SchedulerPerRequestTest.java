package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.assertBooks;
import static dev.quiver.core.schedule.SchedulerRuns.closed;
import static dev.quiver.core.schedule.SchedulerRuns.open;
import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RequestResult;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.FakeServer.After;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.stream.StreamState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run of several requests ({@code --urls}): each stream sends its ticket's entry, and the report has a row per entry. */
@Timeout(30)
class SchedulerPerRequestTest {

    private static RunSpec spec(RequestMix mix, Workload w) {
        return new RunSpec(Target.parse("http://fake.test/"), Protocol.HTTP_2, false, mix, w, Duration.ofSeconds(2), 0,
                Duration.ofMillis(250), null);
    }

    /** Entry 0 answers 200 at once, entry 1 is not found, entry 2 is slow and its first try is always refused (REFUSED_STREAM). */
    private static Reply reply(FakeServer.StreamInfo s) {
        return switch (s.request()) {
            case 0 -> Reply.ok(100);
            case 1 -> new Reply(100, StreamState.COMPLETED, null, 404, After.NOTHING);
            default -> s.attempt() == 0
                    ? new Reply(100, StreamState.REFUSED, "refused: REFUSED_STREAM", 0, After.NOTHING)
                    : Reply.ok(3_000);
        };
    }

    @Test
    void eachRowGetsExactlyItsWeightAndItsOwnStatusesAndLatency() throws Exception {
        FakeServer server = new FakeServer().behaviour(SchedulerPerRequestTest::reply);
        RunResult r = new Scheduler(spec(RequestSequenceTest.mix(5, 3, 2), closed(4, 8, 3_000, null)), server, null).run();

        assertBooks(server, r);
        List<RequestResult> rows = r.perRequest();
        assertEquals(3, rows.size());
        assertEquals(List.of(1_500L, 900L, 600L), rows.stream().map(RequestResult::requests).toList(),
                "tickets 1..3000 hold each cycle of ten exactly; a retry keeps its request");
        assertEquals(Map.of("200", 1_500L), rows.get(0).status());
        assertEquals(Map.of("404", 900L), rows.get(1).status());
        assertEquals(Map.of("200", 600L), rows.get(2).status());
        assertEquals(600, r.requests().retried(), "each of entry 2's requests was refused once and retried as entry 2");
        assertEquals("GET /2", rows.get(2).label());
        assertEquals(2, rows.get(2).weight());
        assertTrue(rows.get(2).latency().getValueAtPercentile(50) >= 3_000, "entry 2 is the slow one: "
                + rows.get(2).latency().getValueAtPercentile(50) + " us");
        assertTrue(rows.get(0).latency().getValueAtPercentile(50) < 3_000);
        assertEquals(r.requests().total(), rows.stream().mapToLong(RequestResult::requests).sum());
        assertEquals(r.requests().ok(), rows.stream().mapToLong(row -> row.latency().getTotalCount()).sum());
    }

    @Test
    void theOpenModelFollowsTheWeightsToo() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.ok(100));
        RunResult r = new Scheduler(spec(RequestSequenceTest.mix(1, 3), open(2, 4, 2_000, Duration.ofMillis(1_000))), server, null)
                .run();
        assertBooks(server, r);
        long a = r.perRequest().get(0).requests();
        long b = r.perRequest().get(1).requests();
        assertTrue(a + b > 1_000, "requests " + (a + b));
        // Every cycle of four tickets is one and three; only tickets the end of the run caught unstarted go uncounted.
        assertTrue(Math.abs((double) b / (a + b) - 0.75) < 0.01, "weights 1:3, got " + a + ":" + b);
    }

    @Test
    void entriesPastTheLastRowShareOneOtherRow() throws Exception {
        int[] weights = new int[40];
        Arrays.fill(weights, 1);
        FakeServer server = new FakeServer().behaviour(s -> Reply.ok(50));
        RunResult r = new Scheduler(spec(RequestSequenceTest.mix(weights), closed(2, 4, 4_000, null)), server, null).run();
        assertBooks(server, r);
        assertEquals(32, r.perRequest().size());
        RequestResult other = r.perRequest().get(31);
        assertEquals(RequestResult.OTHER, other.label());
        assertEquals(9, other.weight(), "entries 32 to 40");
        assertEquals(900, other.requests());
        assertEquals(100, r.perRequest().get(30).requests());
    }

    @Test
    void linesOfTheSameMethodAndPathGetRowsOfTheirOwn() throws Exception {
        RequestMix mix = new RequestMix(List.of(
                new RequestMix.Entry(new RequestTemplate("POST", List.of(), "a".getBytes()), "/items", 1, "t:1"),
                new RequestMix.Entry(new RequestTemplate("POST", List.of(), "bb".getBytes()), "/items", 1, "t:2"),
                new RequestMix.Entry(new RequestTemplate("POST", List.of(), "ccc".getBytes()), "/items", 1, "t:3")), true);
        FakeServer server = new FakeServer().behaviour(s -> Reply.ok(50));
        RunResult r = new Scheduler(spec(mix, closed(2, 4, 300, null)), server, null).run();
        assertBooks(server, r);
        assertEquals(List.of("POST /items", "POST /items [2]", "POST /items [3]"),
                r.perRequest().stream().map(RequestResult::label).toList());
        assertEquals(List.of(100L, 100L, 100L), r.perRequest().stream().map(RequestResult::requests).toList());
        RunResult twice = RunResult.merge(r, r);
        assertEquals(List.of(200L, 200L, 200L), twice.perRequest().stream().map(RequestResult::requests).toList());
    }

    @Test
    void aRunOfOneUrlHasNoRows() throws Exception {
        FakeServer server = new FakeServer().behaviour(s -> Reply.ok(100));
        RunResult r = new Scheduler(SchedulerRuns.spec(closed(2, 2, 200, null)), server, null).run();
        assertBooks(server, r);
        assertTrue(r.perRequest().isEmpty());
    }
}
