package dev.quiver.core.stats;

import dev.quiver.core.report.Warmup;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the warm-up's requests came to: counts and error categories, no timings (nothing of the
 * warm-up is reported but that it ran and what failed in it, so it keeps no histograms). The
 * counterpart of {@link RunRecorder} for requests meant to start before the measured part.
 * Called on the engines' threads; allocates nothing but a new error category.
 */
public final class WarmupTally {

    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder aborted = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final ErrorCategories errors = new ErrorCategories();

    /** A warm-up request was used up by a connect that failed. */
    public void requestFailedToConnect(String category) {
        failed.increment();
        errors.increment(category);
    }

    /** A warm-up stream ended in a way that is retried. */
    public void retried() {
        retried.increment();
    }

    /** A warm-up request's final outcome; as {@link RunRecorder#ended}. */
    public void ended(StreamState state, String category, boolean runEnding) {
        if (state == StreamState.COMPLETED) {
            ok.increment();
        } else if (state == StreamState.CANCELLED && runEnding) {
            aborted.increment();
        } else {
            failed.increment();
            errors.increment(category != null ? category : state.key());
        }
    }

    /** Warm-up requests that reached a final outcome. */
    public long finished() {
        return ok.sum() + failed.sum() + aborted.sum();
    }

    /**
     * @param seconds how long the warm-up ran
     * @param notStarted its requests due by its end that had not started (open model)
     */
    public Warmup summary(double seconds, long notStarted) {
        return new Warmup(seconds, finished(), ok.sum(), failed.sum(), aborted.sum(), retried.sum(), errors.snapshot(),
                notStarted);
    }
}
