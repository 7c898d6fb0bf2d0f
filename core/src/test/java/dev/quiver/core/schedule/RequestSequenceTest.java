package dev.quiver.core.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSequenceTest {

    static RequestMix mix(int... weights) {
        List<RequestMix.Entry> entries = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            entries.add(new RequestMix.Entry(RequestTemplate.get(), "/" + i, weights[i], "test:" + (i + 1)));
        }
        return new RequestMix(entries, true);
    }

    @Test
    void everyWindowOfOneCycleHoldsEachEntryExactlyAsOftenAsItsWeight() {
        RequestSequence s = new RequestSequence(mix(5, 3, 2));
        for (long start = 0; start < 50; start++) {
            int[] counts = new int[3];
            for (long n = start; n < start + 10; n++) {
                counts[s.entryOf(n)]++;
            }
            assertArrayEquals(new int[] {5, 3, 2}, counts, "window from " + start);
        }
        int[] total = new int[3];
        for (long n = 1; n <= 30_000; n++) {
            total[s.entryOf(n)]++;
        }
        assertArrayEquals(new int[] {15_000, 9_000, 6_000}, total);
    }

    @Test
    void theEntriesAreSpreadThroughTheCycleNotBunched() {
        RequestSequence s = new RequestSequence(mix(5, 1));
        // Smooth: the light entry comes once per cycle and the heavy one never runs more than 5 in a row.
        int run = 0;
        int longest = 0;
        for (long n = 0; n < 60; n++) {
            run = s.entryOf(n) == 0 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        assertEquals(5, longest);
        RequestSequence even = new RequestSequence(mix(1, 1, 1));
        for (long n = 0; n < 9; n++) {
            assertEquals(n % 3, even.entryOf(n), "equal weights take turns");
        }
    }

    @Test
    void aSingleRequestIsAlwaysEntryZeroAndLargeTicketNumbersWrap() {
        assertEquals(0, new RequestSequence(mix(7)).entryOf(123_456_789L));
        RequestSequence s = new RequestSequence(mix(2, 1));
        assertEquals(s.entryOf(0), s.entryOf(3L * 1_000_000_000_000L));
        assertTrue(s.entryOf(Long.MAX_VALUE) >= 0);
    }

    @Test
    void aMixRefusesTooMuchWeightAndTooManyEntries() {
        assertThrows(IllegalArgumentException.class, () -> mix(60_000, 40_001));
        assertThrows(IllegalArgumentException.class, () -> mix(new int[RequestMix.MAX_ENTRIES + 1]));
    }
}
