package dev.quiver.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --case-setting CASE.NAME=N}: a case's number instead of the runner's, checked in one line. */
class CaseSettingTest {

    @Test
    void aKnownSettingOfAKnownCaseInItsRange() {
        assertEquals(Map.entry("handshakeloss.handshakes", 5L), InteropCases.parseSetting("handshakeloss.handshakes=5"));
        assertEquals(Map.entry("goodput.bytes", 1000L), InteropCases.parseSetting("goodput.bytes=1000"));
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertEquals("--case-setting: expected CASE.NAME=N, got 'handshakes=5'",
                assertThrows(IllegalArgumentException.class, () -> InteropCases.parseSetting("handshakes=5")).getMessage());
        assertEquals("--case-setting: handshakeloss has no setting 'count' (it has: handshakes)",
                assertThrows(IllegalArgumentException.class, () -> InteropCases.parseSetting("handshakeloss.count=5")).getMessage());
        assertEquals("--case-setting: handshake has no setting 'count' (it has none)",
                assertThrows(IllegalArgumentException.class, () -> InteropCases.parseSetting("handshake.count=5")).getMessage());
        assertEquals("--case-setting handshakeloss.handshakes: 0 is outside 1..1000",
                assertThrows(IllegalArgumentException.class, () -> InteropCases.parseSetting("handshakeloss.handshakes=0")).getMessage());
        assertEquals("--case-setting blackhole.bytes: '10MB' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> InteropCases.parseSetting("blackhole.bytes=10MB")).getMessage());
    }
}
