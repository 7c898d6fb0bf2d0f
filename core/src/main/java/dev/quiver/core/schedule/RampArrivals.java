package dev.quiver.core.schedule;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.Stage;
import java.util.List;

/**
 * The open model's intended start times under a ramp of arrival rates: request {@code i} is meant
 * to start when the integral of the rate from the start reaches {@code i}, so a linear stage
 * speeds up (or slows down) smoothly and every interval gets the requests its stretch of the ramp
 * holds. Latency still counts from these times: a server that falls behind while the rate rises
 * shows as latency, not as a lower rate.
 *
 * <p>Looking up request {@code i} is a binary search over the stages' cumulative counts and one
 * square root: no allocation, as the dispatcher asks once per request.
 */
final class RampArrivals implements ArrivalSchedule {

    /** Past the ramp's last request: far enough to be after any deadline, near enough not to overflow a sum. */
    static final long AFTER_THE_END = Long.MAX_VALUE / 4;

    private final Stage[] stages;
    /** Requests scheduled before stage k: {@code before[k]}; {@code before[stages.length]} is the ramp's total. */
    private final double[] before;
    /** Nanoseconds from the start to the beginning of stage k. */
    private final long[] startNanos;

    RampArrivals(Ramp ramp) {
        List<Stage> list = ramp.stages();
        stages = list.toArray(new Stage[0]);
        before = new double[stages.length + 1];
        startNanos = new long[stages.length];
        long at = 0;
        for (int k = 0; k < stages.length; k++) {
            startNanos[k] = at;
            at += stages[k].nanos();
            before[k + 1] = before[k] + ramp.integral(startNanos[k], at);
        }
    }

    @Override
    public long offsetNanos(long index) {
        if (index >= before[stages.length]) {
            return AFTER_THE_END;
        }
        int k = stageOf(index);
        double seconds = stages[k].secondsToReach(index - before[k]);
        return startNanos[k] + (long) (seconds * 1e9);
    }

    /** The last stage whose first request is at or before {@code index}: it holds request {@code index}. */
    private int stageOf(long index) {
        int lo = 0;
        int hi = stages.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (before[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
