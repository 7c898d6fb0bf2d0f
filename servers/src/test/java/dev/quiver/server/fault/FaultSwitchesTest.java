package dev.quiver.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultSwitchesTest {

    @Test
    void describesTheSwitchesThatAreOnInBannerOrder() {
        assertEquals("  faults: goaway-every=100 stall-every=7", new FaultSwitches(100, 0, 0, 7, 0).describe());
        assertEquals("  faults: goaway-every=1 close-every=2 reset-every=3 stall-every=4 silent-close-every=5",
                new FaultSwitches(1, 2, 3, 4, 5).describe());
        assertEquals("", FaultSwitches.NONE.describe());
    }

    @Test
    void enabledWhenAnySwitchIsOn() {
        assertFalse(FaultSwitches.NONE.enabled());
        assertTrue(new FaultSwitches(0, 0, 0, 0, 9).enabled());
        assertEquals(9, new FaultSwitches(0, 0, 0, 0, 9).every(Fault.SILENT_CLOSE));
    }

    @Test
    void negativeSwitchIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FaultSwitches(0, 0, -1, 0, 0));
        assertEquals("resetEvery must be >= 0 (0 = off), got -1", e.getMessage());
    }
}
