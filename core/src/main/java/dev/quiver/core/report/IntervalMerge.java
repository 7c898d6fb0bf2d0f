package dev.quiver.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.PackedHistogram;

/**
 * Lays the intervals of several results on the wall clock. Results whose load windows overlap ran
 * side by side: their intervals go on one grid of slots, one interval long from the earliest of
 * their starts, each interval into the slot holding its midpoint (the slot it overlaps most; a
 * sample the reporter took late moves an interval's end, not its slot), and intervals sharing a
 * slot become one: histograms added, counts summed. Results that ran one after another share no
 * time, so their intervals are kept as they are, in time order.
 */
final class IntervalMerge {

    private static final long DEFAULT_SLOT_MICROS = 1_000_000;

    private IntervalMerge() {
    }

    static List<Interval> merge(List<RunResult> results) {
        List<RunResult> byStart = new ArrayList<>(results);
        byStart.sort(Comparator.comparingLong(r -> r.window().startMicros()));
        List<Interval> out = new ArrayList<>();
        List<RunResult> together = new ArrayList<>();
        long togetherEnd = Long.MIN_VALUE;
        for (RunResult r : byStart) {
            if (!together.isEmpty() && r.window().startMicros() >= togetherEnd) {
                out.addAll(sideBySide(together));
                together.clear();
            }
            together.add(r);
            togetherEnd = Math.max(togetherEnd, r.window().startMicros() + r.window().durationMicros());
        }
        out.addAll(sideBySide(together));
        out.sort(Comparator.comparingLong(Interval::startMicros));
        return out;
    }

    /** The intervals of results that ran at the same time, one per slot. */
    private static List<Interval> sideBySide(List<RunResult> results) {
        if (results.size() == 1) {
            return results.get(0).intervals();
        }
        long origin = Long.MAX_VALUE;
        long slot = 0;
        for (RunResult r : results) {
            origin = Math.min(origin, r.window().startMicros());
            slot = Math.max(slot, r.window().intervalMicros());
        }
        if (slot <= 0) {
            slot = DEFAULT_SLOT_MICROS;
        }
        TreeMap<Long, List<Interval>> slots = new TreeMap<>();
        for (RunResult r : results) {
            // One run's own intervals in one slot (after a late sample) are one stretch of that
            // run: its live streams are those at the later end, not a sum.
            TreeMap<Long, List<Interval>> own = new TreeMap<>();
            for (Interval i : r.intervals()) {
                long mid = i.startMicros() + i.lengthMicros() / 2;
                own.computeIfAbsent(Math.floorDiv(mid - origin, slot), k -> new ArrayList<>()).add(i);
            }
            own.forEach((k, parts) -> slots.computeIfAbsent(k, x -> new ArrayList<>())
                    .add(parts.size() == 1 ? parts.get(0)
                            : combine(parts, parts.get(parts.size() - 1).live(), Offered.joined(parts))));
        }
        List<Interval> out = new ArrayList<>();
        for (List<Interval> parts : slots.values()) {
            out.add(parts.size() == 1 ? parts.get(0)
                    : combine(parts, parts.stream().mapToLong(Interval::live).sum(), Offered.sideBySide(parts)));
        }
        return out;
    }

    /** The parts as one interval spanning them all, with this live count and what they offered together. */
    static Interval combine(List<Interval> parts, long live, Offered offered) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long failed = 0;
        Map<Metric, PackedHistogram> sums = new EnumMap<>(Metric.class);
        for (Interval i : parts) {
            start = Math.min(start, i.startMicros());
            end = Math.max(end, i.endMicros());
            failed += i.failed();
            i.histograms().forEach((m, h) -> {
                PackedHistogram values = h.decodePacked();
                PackedHistogram sum = sums.putIfAbsent(m, values);
                if (sum != null) {
                    sum.add(values);
                }
            });
        }
        return Interval.of(start, end - start, failed, live, sums, offered);
    }
}
