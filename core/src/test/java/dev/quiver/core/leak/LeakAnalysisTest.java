package dev.quiver.core.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Synthetic series with a known answer: 5 baseline readings, 5 warm-up, 20 load, 10 cool-down,
 * one a second, 1000 requests a second during the load.
 */
class LeakAnalysisTest {

    private static final Resource HEAP = Resource.gauge("heap", Resource.Unit.BYTES);
    private static final Resource FDS = Resource.gauge("fds", Resource.Unit.COUNT);
    private static final Resource WAIT = new Resource("credit wait", Resource.Unit.MILLIS, true);

    /** Readings of a run; {@code value} gets the reading's index, requests grow 1000 per second of load. */
    private static List<Point> series(IntToDoubleFunction value) {
        List<Point> points = new ArrayList<>();
        long requests = 0;
        for (int i = 0; i < 40; i++) {
            Phase phase = i < 5 ? Phase.BASELINE : i < 10 ? Phase.WARMUP : i < 30 ? Phase.LOAD : Phase.COOLDOWN;
            if (phase == Phase.WARMUP || phase == Phase.LOAD) {
                requests += 1000;
            }
            points.add(new Point(i, phase, requests, value.applyAsDouble(i)));
        }
        return points;
    }

    private static ResourceVerdict judge(Resource r, IntToDoubleFunction value) {
        return LeakAnalysis.judge("test", r, series(value), Limits.defaults());
    }

    @Test
    void aLinearLeakIsALeakWithItsSlope() {
        Random noise = new Random(1);
        // 8 KiB a request from the start of the load, never freed, with 2 MiB of noise.
        ResourceVerdict v = judge(HEAP, i -> 50e6 + 8192.0 * 1000 * Math.max(0, Math.min(i, 29) - 4)
                + noise.nextGaussian() * 2e6);
        assertEquals(Verdict.LEAK, v.verdict(), v.reason());
        assertEquals(8192 * 1000, v.slopePer1k().perUnit(), 8192 * 1000 * 0.1);
        assertTrue(v.slopePer1k().low() < v.slopePer1k().perUnit() && v.slopePer1k().perUnit() < v.slopePer1k().high());
        assertTrue(v.reason().contains("per 1k requests"), v.reason());
    }

    @Test
    void aPoolThatGrowsUnderLoadAndReturnsInCooldownIsNotALeak() {
        // One connection more per 1k requests up to 40 during the load, back to 5 when the load stops.
        ResourceVerdict v = judge(FDS, i -> i < 5 ? 5 : i < 30 ? 5 + 2 * (i - 4) : 5);
        assertEquals(Verdict.RETURNED, v.verdict(), v.reason());
        assertTrue(v.reason().contains("came back"), v.reason());
        assertEquals(5, v.endOfCooldown());
    }

    @Test
    void aPoolFilledInWarmupAndKeptIsNotALeak() {
        // A heap that grew once in warm-up and stays: retained, but no growth per request.
        Random noise = new Random(2);
        ResourceVerdict v = judge(HEAP, i -> (i < 5 ? 20e6 : 80e6) + noise.nextGaussian() * 1e6);
        assertEquals(Verdict.NO_LEAK, v.verdict(), v.reason());
        assertTrue(v.reason().contains("does not grow per request"), v.reason());
    }

    @Test
    void aSteepRiseSmallerThanTheResourcesMinimumGrowthIsNotALeakAndTheReportSaysWhy() {
        // 1.5 MiB a second of load (classes, caches on first use), 28.5 MiB in all: steep, but under the 32 MiB minimum.
        Resource heapWithMinimum = new Resource("live heap", Resource.Unit.BYTES, false, 32 << 20);
        ResourceVerdict v = judge(heapWithMinimum, i -> 10e6 + 1.5 * (1 << 20) * Math.max(0, Math.min(i, 29) - 10));
        assertEquals(Verdict.NO_LEAK, v.verdict(), v.reason());
        assertTrue(v.reason().startsWith("grows 1.5 MiB per 1k requests"), v.reason());
        assertTrue(v.reason().contains("below the 32.0 MiB this resource must grow to count"), v.reason());
    }

    @Test
    void noiseAloneIsNeverALeak() {
        for (int seed = 0; seed < 200; seed++) {
            Random noise = new Random(seed);
            ResourceVerdict v = judge(HEAP, i -> 50e6 + noise.nextGaussian() * 5e6);
            assertTrue(v.verdict() == Verdict.NO_LEAK || v.verdict() == Verdict.RETURNED, "seed " + seed + ": " + v.reason());
        }
    }

    @Test
    void aStalledLoadWithGrowingCreditWaitsIsAStreamLeak() {
        // Requests stop completing after 2 s of load; from then on 2 connections wait all the time.
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long requests = Math.min(i, 2) * 100L;
            double waited = Math.max(0, i - 2) * 2000.0;
            points.add(new Point(i, i == 0 ? Phase.BASELINE : Phase.LOAD, requests, waited));
        }
        ResourceVerdict v = LeakAnalysis.judge("quiver", WAIT, points, Limits.defaults());
        assertEquals(Verdict.LEAK, v.verdict(), v.reason());
        assertTrue(v.reason().contains("stream leak on the server"), v.reason());
    }

    @Test
    void steadyCreditWaitsOfABusyServerAreNotALeak() {
        // -p above the server's limit: a constant wait per request, requests keep completing.
        ResourceVerdict v = judge(WAIT, i -> i < 5 ? 0 : (i - 4) * 300.0);
        assertEquals(Verdict.NO_LEAK, v.verdict(), v.reason());
    }

    @Test
    void tooFewReadingsDuringTheLoadAreUnknown() {
        List<Point> points = series(i -> 10).stream().filter(p -> p.phase() != Phase.LOAD || p.seconds() < 12).toList();
        ResourceVerdict v = LeakAnalysis.judge("test", FDS, points, Limits.defaults());
        assertEquals(Verdict.UNKNOWN, v.verdict());
        assertNull(v.slopePer1k());
    }

    @Test
    void theSlopeOfAnExactLineHasAZeroWideInterval() {
        Slope s = Slope.fit(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7});
        assertNotNull(s);
        assertEquals(2, s.perUnit(), 1e-12);
        assertEquals(2, s.low(), 1e-9);
        assertEquals(2, s.high(), 1e-9);
        assertNull(Slope.fit(new double[] {1, 1, 1}, new double[] {1, 2, 3}));
    }

    @Test
    void aWatcherThatGoesDownMidRunIsUnknownAndWarnedOnce() {
        List<String> warnings = new ArrayList<>();
        int[] calls = {0};
        Watcher flaky = new Watcher() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public List<Reading> read() throws IOException {
                if (calls[0]++ >= 3) {
                    throw new IOException("connection refused");
                }
                return List.of(new Reading(FDS, 10));
            }
        };
        Watcher dead = new Watcher() {
            @Override
            public String name() {
                return "dead";
            }

            @Override
            public List<Reading> read() throws IOException {
                throw new IOException("not Prometheus text");
            }
        };
        long[] requests = {0};
        LeakMonitor m = new LeakMonitor(List.of(flaky, dead), () -> requests[0], warnings::add);
        m.sample();
        m.phase(Phase.LOAD);
        for (int i = 0; i < 10; i++) {
            requests[0] += 100;
            m.sample();
        }
        LeakReport r = m.report(Limits.defaults());
        assertEquals(Verdict.UNKNOWN, r.overall());
        assertEquals(2, r.resources().size());
        assertTrue(r.resources().stream().allMatch(v -> v.verdict() == Verdict.UNKNOWN), r.toString());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("connection refused") || warnings.get(1).contains("connection refused"));
        assertTrue(r.resources().get(1).reason().contains("not Prometheus text"));
    }
}
