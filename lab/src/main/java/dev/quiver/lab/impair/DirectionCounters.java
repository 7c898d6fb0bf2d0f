package dev.quiver.lab.impair;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** The counters of one direction: written by its pump thread, read by whoever reports. */
public final class DirectionCounters {

    private final AtomicLongArray values = new AtomicLongArray(Counter.values().length);

    public void add(Counter c, long n) {
        values.addAndGet(c.ordinal(), n);
    }

    public void increment(Counter c) {
        values.incrementAndGet(c.ordinal());
    }

    /** Raises a maximum. */
    public void max(Counter c, long v) {
        int i = c.ordinal();
        long cur = values.get(i);
        while (v > cur && !values.compareAndSet(i, cur, v)) {
            cur = values.get(i);
        }
    }

    public long get(Counter c) {
        return values.get(c.ordinal());
    }

    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> m = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            m.put(c, get(c));
        }
        return m;
    }
}
