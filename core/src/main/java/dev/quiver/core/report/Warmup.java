package dev.quiver.core.report;

import dev.quiver.core.stats.ErrorCategories;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the warm-up did ({@code --warmup}): load at the run's settings before the measured part,
 * on the same connections. None of it counts in the result's requests, latency, statuses or
 * errors; it is kept here so that the report can say a warm-up ran and list its errors apart. A
 * request belongs to the warm-up when it was meant to start before the measured part began, even
 * when it ends after.
 *
 * @param durationSeconds how long the warm-up ran (shorter than asked when the run was stopped in it); 0 for none
 * @param requests warm-up requests that reached a final outcome: {@code ok + failed + aborted}
 * @param aborted warm-up requests still in flight when the whole run ended
 * @param retried refused warm-up requests started again
 * @param errors failed warm-up requests by category, bounded like {@link RunResult#errors()}
 * @param notStarted open model: warm-up requests due by its end that had not started (it fell behind its
 *                   rate); they are dropped, not carried into the measured part
 */
public record Warmup(double durationSeconds, long requests, long ok, long failed, long aborted, long retried,
                     Map<String, Long> errors, long notStarted) {

    /** No warm-up. */
    public static final Warmup NONE = new Warmup(0, 0, 0, 0, 0, 0, Map.of(), 0);

    public Warmup {
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Whether a warm-up ran at all. */
    public boolean ran() {
        return durationSeconds > 0 || requests > 0;
    }

    /**
     * Two results' warm-ups as one: counts added, the longer duration (a compare variant's first round has the
     * one warm-up of its rounds; shards side by side each warm up for the same time).
     */
    Warmup plus(Warmup o) {
        return new Warmup(Math.max(durationSeconds, o.durationSeconds), requests + o.requests, ok + o.ok, failed + o.failed,
                aborted + o.aborted, retried + o.retried,
                ErrorCategories.merge(List.of(errors, o.errors), ErrorCategories.DEFAULT_LIMIT), notStarted + o.notStarted);
    }
}
