package dev.quiver.core.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Error counts by category ({@code kind: protocol code}). At most {@link #DEFAULT_LIMIT} distinct
 * categories are kept; every further one is counted as {@link #OTHER}, so a server that puts a
 * new message in every error cannot make quiver's memory grow.
 */
public final class ErrorCategories {

    public static final int DEFAULT_LIMIT = 32;
    public static final String OTHER = "other";
    /** Longest category text kept; longer text (e.g. GOAWAY debug data) is cut. */
    static final int MAX_LENGTH = 120;

    private final int limit;
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder other = new LongAdder();

    public ErrorCategories() {
        this(DEFAULT_LIMIT);
    }

    public ErrorCategories(int limit) {
        this.limit = limit;
    }

    public void increment(String category) {
        add(category, 1);
    }

    public void add(String category, long n) {
        String key = category == null || category.isBlank() ? "unknown" : category;
        if (key.length() > MAX_LENGTH) {
            key = key.substring(0, MAX_LENGTH);
        }
        LongAdder a = counts.get(key);
        if (a == null) {
            if (counts.size() >= limit) {
                other.add(n);
                return;
            }
            // A new name: checked again under the lock, so two event loops cannot both add the last
            // one (a hostile server's random codes once gave 33 names). At most limit times per run.
            synchronized (counts) {
                a = counts.get(key);
                if (a == null) {
                    if (counts.size() >= limit) {
                        other.add(n);
                        return;
                    }
                    a = new LongAdder();
                    counts.put(key, a);
                }
            }
        }
        a.add(n);
    }

    /** The counts, most frequent first, with {@code other} last when non-zero. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        long o = other.sum();
        if (o > 0) {
            out.merge(OTHER, o, Long::sum);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Counts of several runs as one, under the same bound: each category's counts summed, the
     * {@code limit} most frequent kept by name, every other one (and every {@code other}) counted
     * as {@code other}. Ordered as {@link #snapshot()} orders.
     */
    public static Map<String, Long> merge(List<Map<String, Long>> counts, int limit) {
        Map<String, Long> sum = new HashMap<>();
        long other = 0;
        for (Map<String, Long> m : counts) {
            for (Map.Entry<String, Long> e : m.entrySet()) {
                if (e.getKey().equals(OTHER)) {
                    other += e.getValue();
                } else {
                    sum.merge(e.getKey(), e.getValue(), Long::sum);
                }
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(sum.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i < limit) {
                out.put(sorted.get(i).getKey(), sorted.get(i).getValue());
            } else {
                other += sorted.get(i).getValue();
            }
        }
        if (other > 0) {
            out.put(OTHER, other);
        }
        return Collections.unmodifiableMap(out);
    }

    public long total() {
        long t = other.sum();
        for (LongAdder a : counts.values()) {
            t += a.sum();
        }
        return t;
    }

    int distinct() {
        return counts.size();
    }
}
