package dev.quiver.core.threshold;

import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.schedule.Workload;
import java.time.Duration;

/**
 * What a run's workload says of its measured part before it starts: at most how many requests it
 * can have, and whether it runs to a fixed end. Only with such a bound can a rate or a percentile
 * be certain to fail before the run is over.
 *
 * @param maxRequests the most requests the measured part can have: {@code -n}, or in the open model
 *                    the schedule of {@code -q} over {@code -z} or of a rate ramp; -1 when nothing bounds them (closed model, {@code -z} alone)
 * @param fixedSeconds the measured part's length when nothing but its duration ends it (open model,
 *                     {@code -z} without {@code -n}); NaN otherwise
 */
public record RequestBound(long maxRequests, double fixedSeconds) {

    /** Nothing known: only counts can be certain to fail early. */
    public static final RequestBound UNKNOWN = new RequestBound(-1, Double.NaN);

    public static RequestBound of(Workload w) {
        Duration z = w.duration();
        long scheduled = w.rate() > 0 && z != null ? (long) Math.floor(w.rate() * z.toNanos() / 1e9) + 1 : -1;
        if (w.ramp() != null && w.ramp().kind() == RampKind.RATE) {
            // A rate ramp's schedule is the integral of its stages; how fast it may still go is
            // not one rate, so rps is judged at the end (fixedSeconds stays NaN).
            scheduled = (long) Math.floor(w.ramp().integral(0, w.ramp().totalNanos())) + 1;
        }
        long n = w.requests() > 0 ? w.requests() : -1;
        long max = n < 0 ? scheduled : scheduled < 0 ? n : Math.min(n, scheduled);
        double fixed = w.rate() > 0 && w.ramp() == null && z != null && n < 0 ? z.toNanos() / 1e9 : Double.NaN;
        return new RequestBound(max, fixed);
    }

    public boolean known() {
        return maxRequests >= 0;
    }
}
