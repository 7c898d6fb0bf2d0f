package dev.quiver.core.stats;

import dev.quiver.core.report.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's intervals in bounded memory. Up to {@link #MAX_KEPT} are kept as taken; when a run goes
 * on longer, neighbours are joined pairwise (histograms added, so nothing is lost but time
 * resolution) and each kept interval from then on covers twice as many: an hour at one second,
 * two at two seconds, and so on. Runs of the same length join at the same moments, so their
 * intervals still line up when merged.
 */
final class IntervalSeries {

    /** An hour of one-second intervals, each a few KiB of compressed histograms. */
    static final int MAX_KEPT = 3600;

    private final int maxKept;
    private final List<Interval> kept = new ArrayList<>();
    /** Taken intervals per kept interval. */
    private int span = 1;
    /** Taken intervals in the last kept one. */
    private int inLast;

    IntervalSeries() {
        this(MAX_KEPT);
    }

    IntervalSeries(int maxKept) {
        if (maxKept < 2 || maxKept % 2 != 0) {
            throw new IllegalArgumentException("keep an even number of intervals, at least 2");
        }
        this.maxKept = maxKept;
    }

    void add(Interval taken) {
        if (!kept.isEmpty() && inLast < span) {
            kept.set(kept.size() - 1, kept.get(kept.size() - 1).join(taken));
            inLast++;
            return;
        }
        if (kept.size() == maxKept) {
            List<Interval> pairs = new ArrayList<>(maxKept);
            for (int i = 0; i < kept.size(); i += 2) {
                pairs.add(kept.get(i).join(kept.get(i + 1)));
            }
            kept.clear();
            kept.addAll(pairs);
            span *= 2;
        }
        kept.add(taken);
        inLast = 1;
    }

    List<Interval> list() {
        return List.copyOf(kept);
    }

    /** Taken intervals per kept interval now. */
    int span() {
        return span;
    }
}
