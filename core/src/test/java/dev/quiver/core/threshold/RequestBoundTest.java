package dev.quiver.core.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.schedule.Workload;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestBoundTest {

    @Test
    void aFixedRateOverADurationBoundsTheRequestsAndFixesTheLength() {
        RequestBound b = RequestBound.of(new Workload(4, 1, 0, Duration.ofSeconds(10), 100, Duration.ofSeconds(30)));
        assertEquals(1001, b.maxRequests());
        assertEquals(10.0, b.fixedSeconds());
    }

    @Test
    void aRateRampIsBoundedByItsIntegralButItsRateIsJudgedAtTheEnd() {
        Ramp ramp = Ramp.parse(RampKind.RATE, "10s:0->100,10s:100");
        RequestBound b = RequestBound.of(new Workload(4, 1, 0, ramp.total(), 0, Duration.ofSeconds(30),
                Duration.ZERO, ramp));
        assertEquals(1501, b.maxRequests(), "500 on the way up, 1000 at 100/s");
        assertTrue(Double.isNaN(b.fixedSeconds()));
    }
}
