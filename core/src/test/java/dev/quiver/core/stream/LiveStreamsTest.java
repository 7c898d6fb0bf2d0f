package dev.quiver.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The live-stream table agrees with a plain map through any order of opens and ends, also across growth. */
class LiveStreamsTest {

    /** A record of no connection: the table looks at ids, identities and start times only. */
    private static StreamRecord record(long id, long startNanos) {
        return new StreamRecord(null, id, startNanos, startNanos, 1, 0);
    }

    @Test
    void agreesWithAMapThroughRandomOpensAndEnds() {
        Random random = new Random(42);
        for (long step : new long[] {1, 2, 4, 1024}) {
            LiveStreams live = new LiveStreams();
            Map<Long, StreamRecord> model = new HashMap<>();
            long next = step == 2 ? 1 : 0;
            for (int op = 0; op < 50_000; op++) {
                // Many streams live at first (the table grows), then as many end as open.
                boolean open = model.size() < 300 || random.nextBoolean();
                if (open) {
                    long id = next;
                    next += step;
                    StreamRecord r = record(id, op);
                    assertTrue(live.putIfAbsent(id, r));
                    model.put(id, r);
                } else {
                    List<Long> ids = new ArrayList<>(model.keySet());
                    long id = ids.get(random.nextInt(ids.size()));
                    assertFalse(live.remove(id, record(id, 0)), "another record under the same id is not removed");
                    assertTrue(live.remove(id, model.remove(id)));
                    assertNull(live.get(id));
                    assertFalse(live.remove(id, record(id, 0)));
                }
                if (op % 1000 == 0) {
                    assertEquals(model.size(), live.size());
                    for (Map.Entry<Long, StreamRecord> e : model.entrySet()) {
                        assertSame(e.getValue(), live.get(e.getKey()), "step " + step + ", id " + e.getKey());
                    }
                    assertEquals(new HashSet<>(model.values()), new HashSet<>(live.snapshot()));
                }
            }
        }
    }

    @Test
    void aLiveIdIsNotTakenTwice() {
        LiveStreams live = new LiveStreams();
        StreamRecord first = record(7, 0);
        assertTrue(live.putIfAbsent(7, first));
        assertFalse(live.putIfAbsent(7, record(7, 1)));
        assertSame(first, live.get(7));
        assertEquals(1, live.size());
    }

    @Test
    void findsTheStreamsThatStartedBeforeATime() {
        LiveStreams live = new LiveStreams();
        for (long id = 0; id < 100; id++) {
            live.putIfAbsent(id * 4, record(id * 4, id));
        }
        List<StreamRecord> old = new ArrayList<>();
        live.startedBefore(10, old);
        assertEquals(10, old.size());
        assertTrue(old.stream().allMatch(r -> r.startNanos() < 10));
    }
}
