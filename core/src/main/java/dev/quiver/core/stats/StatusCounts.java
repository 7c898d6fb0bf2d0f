package dev.quiver.core.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/** Response status counts: a fixed array for 100..599, everything else as one bucket. */
public final class StatusCounts {

    private static final int MIN = 100;
    private static final int MAX = 599;
    private final AtomicLongArray counts = new AtomicLongArray(MAX - MIN + 2);

    public void increment(int status) {
        int i = status >= MIN && status <= MAX ? status - MIN : counts.length() - 1;
        counts.incrementAndGet(i);
    }

    /** Status text to count, in status order; out-of-range statuses appear as {@code "invalid"}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < counts.length(); i++) {
            long v = counts.get(i);
            if (v > 0) {
                out.put(i == counts.length() - 1 ? "invalid" : Integer.toString(i + MIN), v);
            }
        }
        return out;
    }
}
