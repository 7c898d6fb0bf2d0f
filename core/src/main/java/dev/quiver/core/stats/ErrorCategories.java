package dev.quiver.core.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
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
            a = counts.computeIfAbsent(key, k -> new LongAdder());
            // Two threads may both pass the size check; the map then holds at most limit + threads - 1.
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
