package dev.quiver.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The run-level rule of the client-bound check, and how two results' checks merge. */
class ClientBoundTest {

    @Test
    void theRunIsClientBoundWhenSaturatedIntervalsCoverThirtyPercentOfIt() {
        ClientBound under = new ClientBound("m", 2, 1, 10, 4, 0.5, 0.1, 2.9);
        ClientBound at = new ClientBound("m", 2, 1, 10, 4, 0.95, 0.1, 3.0);
        assertFalse(under.saturated());
        assertTrue(at.saturated());
        assertEquals(0.2, under.cpuShare(), 1e-9, "4 CPU seconds of 2 cores over 10 s");

        ClientBound merged = under.plus(at);
        assertEquals(20, merged.sampledSeconds(), 1e-9);
        assertEquals(5.9, merged.saturatedSeconds(), 1e-9);
        assertFalse(merged.saturated(), "5.9 s of 20 s");
        assertEquals(0.95, merged.busiestLoopShare(), 1e-9, "the busier loop of the two");
        assertEquals(0.2, merged.cpuShare(), 1e-9);
        assertEquals(under, under.plus(ClientBound.NONE), "a result that sampled nothing adds nothing");
        assertTrue(new ClientBound("m", 2, 1, 10, 4, 0.95, 0.9, 9).loopMostlyWaited());
    }
}
