package dev.quiver.core.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RampTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final Ramp rate = Ramp.parse(RampKind.RATE, "10s:0->1000,30s:1000,10s:1000->0");

    @Test
    void theTargetGoesLinearlyWithinAStageAndHoldsItsLastValueAfterTheEnd() {
        assertEquals(0, rate.valueAt(0));
        assertEquals(500, rate.valueAt(5 * S), 1e-9);
        assertEquals(1000, rate.valueAt(10 * S), 1e-9);
        assertEquals(1000, rate.valueAt(39 * S), 1e-9);
        assertEquals(250, rate.valueAt(47_500_000_000L), 1e-9);
        assertEquals(0, rate.valueAt(60 * S));
        assertEquals(0, rate.valueAt(-S), "before the start: the first value");
    }

    @Test
    void theIntegralIsTheRequestsScheduled() {
        assertEquals(5_000 + 30_000 + 5_000, rate.integral(0, rate.totalNanos()), 1e-6);
        assertEquals(500, rate.integral(0, (long) (Math.sqrt(10) * S)), 1e-3, "0 -> 1000 in 10 s: 500 requests by sqrt(10) s");
        assertEquals(50, rate.integral(0, S), 1e-9, "the first second of 0 -> 1000 / 10 s: 50");
        assertEquals(950, rate.integral(9 * S, 10 * S), 1e-9);
        assertEquals(1950, rate.integral(9 * S, 11 * S), 1e-9, "across a stage boundary");
        assertEquals(0, rate.integral(50 * S, 60 * S), 1e-9, "after the end: nothing");
        assertEquals(975, rate.mean(9 * S, 11 * S), 1e-9);
        assertEquals(950, rate.mean(40 * S, 41 * S), 1e-9);
    }

    @Test
    void theMeanOfAnIntervalReachingPastTheEndIsOverItsPartInTheRamp() {
        assertEquals(50, rate.mean(49 * S, 51 * S), 1e-9, "the last second of the ramp-down, the rest is after the end");
    }

    @Test
    void aStageReachesEachCountAtTheRootOfItsIntegral() {
        Stage up = new Stage(Duration.ofSeconds(10), 0, 1000);
        assertEquals(Math.sqrt(10), up.secondsToReach(500), 1e-9);
        assertEquals(10, up.secondsToReach(5000), 1e-9);
        Stage hold = new Stage(Duration.ofSeconds(2), 400, 400);
        assertEquals(0.5, hold.secondsToReach(200), 1e-12);
        Stage down = new Stage(Duration.ofSeconds(10), 1000, 0);
        assertEquals(10 - Math.sqrt(10), down.secondsToReach(4500), 1e-9, "the last 500 of a ramp down take its last sqrt(10) s");
        for (double n = 0; n <= 5000; n += 37) {
            double t = down.secondsToReach(n);
            assertEquals(n, down.integralTo((long) (t * 1e9)), 1e-3, "integral at the time reached for " + n);
        }
    }

    @Test
    void aWarmUpHoldsTheFirstValueBeforeTheRamp() {
        Ramp c = Ramp.parse(RampKind.CONNECTIONS, "2s:5->10");
        Ramp led = c.withLeadIn(Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(5), led.total());
        assertEquals(5, led.valueAt(2 * S));
        assertEquals(7.5, led.valueAt(4 * S), 1e-9);
        assertEquals(c, c.withLeadIn(Duration.ZERO));
    }

    @Test
    void splitPartsAddUpToTheWholeAtEveryMoment() {
        Ramp c = Ramp.parse(RampKind.CONNECTIONS, "10s:1->200,5s:200,5s:200->7");
        List<Ramp> parts = c.split(3);
        for (long t = 0; t <= c.totalNanos(); t += S / 4) {
            double sum = 0;
            for (Ramp p : parts) {
                sum += p.valueAt(t);
            }
            assertEquals(c.valueAt(t), sum, 1e-9, "at " + t);
        }
        assertEquals(List.of(67.0, 67.0, 66.0), parts.stream().map(Ramp::max).toList());
        List<Ramp> rates = rate.split(4);
        assertEquals(250, rates.get(3).max(), 1e-9);
        assertEquals(rate, rates.get(0).plus(rates.get(1)).plus(rates.get(2)).plus(rates.get(3)));
    }

    @Test
    void scalingMultipliesEveryTarget() {
        assertEquals(Ramp.parse(RampKind.RATE, "10s:0->500,30s:500,10s:500->0"), rate.scaled(0.5));
        Ramp c = Ramp.parse(RampKind.CONNECTIONS, "10s:1->20");
        assertEquals(Ramp.parse(RampKind.CONNECTIONS, "10s:4->80"), c.scaled(4));
        assertThrows(IllegalArgumentException.class, () -> c.scaled(0.5), "half a connection");
    }

    @Test
    void onlyRampsOfTheSameShapeAdd() {
        assertNull(rate.plus(Ramp.parse(RampKind.RATE, "10s:0->1000")));
        assertNull(rate.plus(Ramp.parse(RampKind.CONNECTIONS, "10s:1,30s:1,10s:1")));
        assertNull(rate.plus(null));
    }
}
