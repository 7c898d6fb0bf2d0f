package dev.quiver.core.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RampParserTest {

    @Test
    void readsRampsAndHoldsInOrder() {
        Ramp r = Ramp.parse(RampKind.RATE, "10s:0->1000,30s:1000,10s:1000->0");

        assertEquals(List.of(new Stage(Duration.ofSeconds(10), 0, 1000), new Stage(Duration.ofSeconds(30), 1000, 1000),
                new Stage(Duration.ofSeconds(10), 1000, 0)), r.stages());
        assertEquals(Duration.ofSeconds(50), r.total());
        assertEquals(1000, r.max());
        assertEquals("10s:0->1000,30s:1000,10s:1000->0", r.text());
    }

    @Test
    void takesTheDurationsOfMinusZAndSpacesAndDecimalRates() {
        Ramp r = Ramp.parse(RampKind.RATE, " 500ms : 2.5 -> 10 , 2m:10, 1h:10->0, 3:1 ");

        assertEquals(Duration.ofMillis(500), r.stages().get(0).duration());
        assertEquals(2.5, r.stages().get(0).from());
        assertEquals(Duration.ofMinutes(2), r.stages().get(1).duration());
        assertEquals(Duration.ofHours(1), r.stages().get(2).duration());
        assertEquals(Duration.ofSeconds(3), r.stages().get(3).duration(), "a bare number is seconds, as for -z");
        assertEquals("500ms:2.5->10,2m:10,1h:10->0,3s:1", r.text());
        assertEquals(r, Ramp.parse(RampKind.RATE, r.text()), "the text reads back to the same ramp");
    }

    @Test
    void connectionRampsTakeWholeNumbers() {
        Ramp r = Ramp.parse(RampKind.CONNECTIONS, "20s:1->200,40s:200");
        assertEquals(200, r.max());
        assertEquals(Duration.ofMinutes(1), r.total());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ramp.parse(RampKind.CONNECTIONS, "20s:1->2.5"));
        assertEquals("--ramp-connections: stage 1 '20s:1->2.5': connection counts are whole numbers", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10s", "10s:", ":100", "10s:100,", ",10s:100", "10x:100", "10s:-5", "10s:1->", "10s:1->2->3",
            "10s:abc", "0s:100", "10s:1e3", "10s:0,5s:0", "10s:100;5s:100", "25h:1", "20h:1,5h:1", "10s:20000000"})
    void malformedStagesAreOneLineNamingTheFlag(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ramp.parse(RampKind.RATE, text));
        assertTrue(e.getMessage().startsWith("--ramp: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void theMessageSaysWhichStageIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ramp.parse(RampKind.RATE, "10s:0->100,5q:100"));
        assertEquals("--ramp: stage 2 '5q:100' is not DURATION:VALUE or DURATION:FROM->TO "
                + "(example: 10s:0->1000,30s:1000,10s:1000->0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ramp.parse(RampKind.CONNECTIONS, "10s:0,5s:0"));
        assertEquals("--ramp-connections: every stage's target is 0: nothing would run", e.getMessage());
    }

    @Test
    void tooManyStagesAreRefused() {
        String many = String.join(",", java.util.Collections.nCopies(Ramp.MAX_STAGES + 1, "1s:1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ramp.parse(RampKind.RATE, many));
        assertEquals("--ramp: more than 1000 stages", e.getMessage());
    }
}
