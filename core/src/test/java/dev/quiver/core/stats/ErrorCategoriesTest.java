package dev.quiver.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ErrorCategoriesTest {

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void keepsAtMost32CategoriesAndCountsTheRestAsOther() {
        ErrorCategories e = new ErrorCategories();
        long expectedTotal = 0;
        long expectedOther = 0;
        for (int i = 0; i < 100; i++) {
            for (int k = 0; k <= i; k++) {
                e.increment("reset_by_peer: code " + i);
            }
            expectedTotal += i + 1;
            if (i >= ErrorCategories.DEFAULT_LIMIT) {
                expectedOther += i + 1;
            }
        }
        Map<String, Long> snap = e.snapshot();

        assertEquals(ErrorCategories.DEFAULT_LIMIT + 1, snap.size(), snap.keySet().toString());
        assertEquals(32, ErrorCategories.DEFAULT_LIMIT);
        assertEquals(expectedOther, snap.get(ErrorCategories.OTHER));
        assertEquals(expectedTotal, e.total(), "total keeps every error");
        assertEquals(expectedTotal, sum(snap), "the snapshot adds up to the total");
        for (int i = 0; i < ErrorCategories.DEFAULT_LIMIT; i++) {
            assertEquals(i + 1L, snap.get("reset_by_peer: code " + i), "the first 32 categories are kept exactly");
        }

        // Order: most frequent first, "other" last.
        List<String> keys = new ArrayList<>(snap.keySet());
        assertEquals(ErrorCategories.OTHER, keys.get(keys.size() - 1));
        assertEquals("reset_by_peer: code 31", keys.get(0));
        for (int i = 1; i < keys.size() - 1; i++) {
            assertTrue(snap.get(keys.get(i - 1)) >= snap.get(keys.get(i)), "not sorted: " + keys);
        }
    }

    @Test
    void aKeptCategoryIsStillCountedUnderItsNameAfterTheLimitIsReached() {
        ErrorCategories e = new ErrorCategories();
        for (int i = 0; i < 40; i++) {
            e.increment("connection_lost: " + i);
        }
        e.add("connection_lost: 0", 10);
        Map<String, Long> snap = e.snapshot();
        assertEquals(11L, snap.get("connection_lost: 0"));
        assertEquals(8L, snap.get(ErrorCategories.OTHER));
        assertEquals(50, e.total());
    }

    @Test
    void noOtherEntryWhileUnderTheLimit() {
        ErrorCategories e = new ErrorCategories();
        e.increment("timed_out");
        e.increment("timed_out");
        e.add("refused: REFUSED_STREAM", 3);
        assertEquals(Map.of("refused: REFUSED_STREAM", 3L, "timed_out", 2L), e.snapshot());
        assertFalse(e.snapshot().containsKey(ErrorCategories.OTHER));
        assertEquals(5, e.total());
    }

    @Test
    void nullOrBlankCategoryIsUnknown() {
        ErrorCategories e = new ErrorCategories();
        e.increment(null);
        e.increment("  ");
        assertEquals(Map.of("unknown", 2L), e.snapshot());
    }

    @Test
    void longTextIsCut() {
        ErrorCategories e = new ErrorCategories();
        String debugData = "connection_lost: GOAWAY INTERNAL_ERROR " + "x".repeat(1_000);
        e.increment(debugData);
        e.increment(debugData + " and a different tail");
        Map<String, Long> snap = e.snapshot();
        assertEquals(1, snap.size(), snap.keySet().toString());
        String key = snap.keySet().iterator().next();
        assertEquals(ErrorCategories.MAX_LENGTH, key.length());
        assertTrue(debugData.startsWith(key));
        assertEquals(2L, snap.get(key), "texts that agree on the kept prefix are one category");
        assertEquals(2, e.total());
    }

    /**
     * A long category (e.g. GOAWAY debug data) that is already kept must go on being counted under
     * its (cut) name once 32 categories exist, like any short one.
     */
    @Test
    void aKeptLongCategoryIsNotCountedAsOtherAfterTheLimitIsReached() {
        ErrorCategories e = new ErrorCategories();
        String longCategory = "connection_lost: GOAWAY ENHANCE_YOUR_CALM " + "d".repeat(200);
        e.increment(longCategory);
        for (int i = 1; i < ErrorCategories.DEFAULT_LIMIT; i++) {
            e.increment("reset_by_peer: " + i);
        }
        e.increment(longCategory);
        e.increment(longCategory);

        Map<String, Long> snap = e.snapshot();
        String cut = longCategory.substring(0, ErrorCategories.MAX_LENGTH);
        assertEquals(3L, snap.get(cut), "the same long error was split between its category and other: " + snap);
        assertFalse(snap.containsKey(ErrorCategories.OTHER), "nothing should be in other: " + snap);
    }

    @Test
    void concurrentWritersKeepTotalsAndStayBounded() throws Exception {
        ErrorCategories e = new ErrorCategories();
        int threads = 8;
        int perThread = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException ex) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    e.increment("protocol_error: " + ((i * 31 + seed) % 200));
                }
            });
            ts.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : ts) {
            th.join();
        }
        long total = (long) threads * perThread;
        assertEquals(total, e.total());
        assertEquals(total, sum(e.snapshot()));
        // Racing writers never overshoot the limit (they once could, by threads - 1: a report showed 33).
        assertTrue(e.distinct() <= ErrorCategories.DEFAULT_LIMIT, "distinct " + e.distinct());
    }
}
