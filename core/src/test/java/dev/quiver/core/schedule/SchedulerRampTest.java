package dev.quiver.core.schedule;

import static dev.quiver.core.schedule.SchedulerRuns.assertBooks;
import static dev.quiver.core.schedule.SchedulerRuns.run;
import static dev.quiver.core.schedule.SchedulerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.report.Interval;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.time.SimulatedClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ramps on a {@link SimulatedClock}: the open model's start times follow the integral of a
 * changing rate, and the closed model opens and closes connections along its stages. The clock
 * is simulated, so the figures are exact on a busy machine.
 */
@Timeout(30)
class SchedulerRampTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SimulatedClock clock = new SimulatedClock();

    private static Workload rateRamp(int c, int p, String stages, Duration warmup) {
        Ramp ramp = Ramp.parse(RampKind.RATE, stages);
        return new Workload(c, p, 0, ramp.total(), 0, Duration.ofSeconds(30), warmup, ramp);
    }

    private static Workload connectionRamp(int p, String stages) {
        Ramp ramp = Ramp.parse(RampKind.CONNECTIONS, stages);
        return new Workload((int) ramp.max(), p, 0, ramp.total(), 0, Duration.ofSeconds(30), Duration.ZERO, ramp);
    }

    @Test
    void aRateRampStartsInEachIntervalTheRequestsOfItsStretchOfTheRamp() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(2));
        Workload w = rateRamp(4, 16, "2s:100->500,2s:500,2s:500->100", Duration.ZERO);
        RunResult r = run(new Scheduler(spec(w), server, null, clock), clock).result();

        assertEquals(LoadModel.OPEN, r.model());
        assertEquals(StopReason.DURATION, r.stopReason());
        assertEquals(w.ramp(), r.ramp());
        assertEquals(600 + 1000 + 600, r.requests().total(), "the integral of the rate over the stages");
        assertEquals(r.requests().total(), r.requests().ok());
        long max = r.histograms().latency().getMaxValue();
        assertTrue(max <= 2_002, "max latency " + max + " µs: every request started when it was meant to");
        long start = r.window().startMicros();
        for (Interval i : r.intervals()) {
            long from = (i.startMicros() - start) * 1000;
            long to = (i.endMicros() - start) * 1000;
            double expected = w.ramp().integral(from, to);
            assertEquals(expected, i.offered().started(), 1.01, "requests started in " + from / MS + ".." + to / MS + " ms");
            assertEquals(w.ramp().mean(from, Math.min(to, w.ramp().totalNanos())), i.offered().target(), 1e-6);
        }
        assertEquals(500, r.intervals().get(10).offered().target(), 1e-9, "an interval of the hold");
        assertEquals(125, r.intervals().get(0).offered().target(), 1e-9, "the first 250 ms of 100 -> 500 in 2 s: 100 + 200 x 0.125");
        assertBooks(server, r);
    }

    @Test
    void aWarmUpHoldsTheRateTheRampStartsFromAndTheRampStartsWithTheMeasuredPart() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(1));
        Workload w = rateRamp(2, 8, "1s:100->300", Duration.ofSeconds(1));
        RunResult r = run(new Scheduler(spec(w), server, null, clock), clock).result();

        assertEquals(100, r.warmup().requests(), "1 s at 100 req/s");
        assertEquals(200, r.requests().total(), "1 s of 100 -> 300 req/s");
        assertEquals(Duration.ofSeconds(1), Duration.ofNanos(r.window().durationMicros() * 1000));
        assertEquals(125, r.intervals().get(0).offered().target(), 1e-9);
    }

    @Test
    void aConnectionRampOpensAndClosesConnectionsAlongItsStages() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(10));
        Workload w = connectionRamp(2, "1s:1->8,1s:8,1s:8->2");
        Scheduler s = new Scheduler(spec(w), server, null, clock);
        Map<Long, Integer> open = new TreeMap<>();
        var watch = clock.newTimer("watch");
        for (long at : List.of(20L, 520L, 1020L, 1520L, 2520L, 2980L)) {
            // 20 ms after each instant: a connection let go closes once its stream (10 ms) ends.
            watch.schedule(() -> open.put(at - 20, server.engine.open.size()), at * MS);
        }
        RunResult r = run(s, clock).result();

        assertEquals(LoadModel.CLOSED, r.model());
        assertEquals(Map.of(0L, 1, 500L, 5, 1000L, 8, 1500L, 8, 2500L, 5, 2960L, 2), open,
                "open connections at these ms: round(1 + 7 t) going up, round(8 - 6 t) going down");
        assertEquals(8, r.connections().opened(), "no connection was opened twice: one let go is not replaced");
        assertEquals(0, r.connections().lost());
        assertEquals(0, r.requests().failed(), "closing a connection the ramp let go cuts no request off: " + r.errors());
        assertEquals(w.ramp(), r.ramp());
        assertEquals(8, r.intervals().get(5).offered().target(), 1e-9, "an interval of the hold: 8 connections");
        for (int i = 4; i < 7; i++) {
            assertEquals(8, r.intervals().get(i).offered().connections(), "connections open at the end of interval " + i);
        }
        assertEquals(1 + 7 * 0.125, r.intervals().get(0).offered().target(), 1e-9, "the mean of 1 -> 8 over its first 250 ms");
        assertTrue(r.requests().ok() > 1_000, "ok " + r.requests().ok());
        assertBooks(server, r);
    }

    @Test
    void aConnectionRampFromZeroOpensNoneUntilItRises() throws Exception {
        FakeServer server = new FakeServer(clock).behaviour(s -> Reply.okMillis(5));
        Workload w = connectionRamp(1, "500ms:0,500ms:0->4");
        Scheduler s = new Scheduler(spec(w), server, null, clock);
        Map<Long, Integer> open = new TreeMap<>();
        var watch = clock.newTimer("watch");
        for (long at : List.of(300L, 990L)) {
            watch.schedule(() -> open.put(at, server.engine.open.size()), at * MS);
        }
        RunResult r = run(s, clock).result();

        assertEquals(Map.of(300L, 0, 990L, 4), open, "the preflight's connection is let go while the ramp wants none");
        long early = r.intervals().get(0).completed() + r.intervals().get(1).completed();
        assertEquals(0, early, "no request in the first 500 ms");
        assertTrue(r.requests().ok() > 100, "ok " + r.requests().ok());
        assertBooks(server, r);
    }
}
