package dev.quiver.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    @Test
    void noSwitchesNoFaults() {
        FaultSchedule schedule = new FaultSchedule(FaultSwitches.NONE);
        for (int i = 0; i < 1000; i++) {
            assertNull(schedule.next());
        }
    }

    @Test
    void aSwitchHitsEveryNthRequest() {
        assertEquals(Arrays.asList(null, null, Fault.STALL, null, null, Fault.STALL, null),
                faults(new FaultSwitches(0, 0, 0, 3, 0), 7));
    }

    @Test
    void theMostDisruptiveFaultWinsWhenSwitchesMeet() {
        // Every switch at 1: close beats all.
        assertEquals(List.of(Fault.CLOSE, Fault.CLOSE), faults(new FaultSwitches(1, 1, 1, 1, 1), 2));
        // Then silent close, reset, stall, goaway, in that order.
        assertEquals(List.of(Fault.SILENT_CLOSE), faults(new FaultSwitches(1, 0, 1, 1, 1), 1));
        assertEquals(List.of(Fault.RESET), faults(new FaultSwitches(1, 0, 1, 1, 0), 1));
        assertEquals(List.of(Fault.STALL), faults(new FaultSwitches(1, 0, 0, 1, 0), 1));
        assertEquals(List.of(Fault.GOAWAY), faults(new FaultSwitches(1, 0, 0, 0, 0), 1));
    }

    @Test
    void eachScheduleCountsItsOwnRequests() {
        FaultSwitches every2 = new FaultSwitches(2, 0, 0, 0, 0);
        FaultSchedule first = new FaultSchedule(every2);
        FaultSchedule second = new FaultSchedule(every2);
        assertNull(first.next());
        assertNull(second.next());
        assertEquals(Fault.GOAWAY, first.next());
        assertEquals(Fault.GOAWAY, second.next());
    }

    private static List<Fault> faults(FaultSwitches switches, int requests) {
        FaultSchedule schedule = new FaultSchedule(switches);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            faults.add(schedule.next());
        }
        return faults;
    }
}
