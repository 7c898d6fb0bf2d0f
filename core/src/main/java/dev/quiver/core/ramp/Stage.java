package dev.quiver.core.ramp;

import java.time.Duration;

/**
 * One stage of a ramp: for {@code duration} the target goes linearly from {@code from} to
 * {@code to} (equal for a hold).
 *
 * @param from the target (requests per second, or connections) as the stage begins
 * @param to the target as it ends
 */
public record Stage(Duration duration, double from, double to) {

    public Stage {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a stage lasts more than 0");
        }
        if (!(from >= 0) || !(to >= 0) || Double.isInfinite(from) || Double.isInfinite(to)) {
            throw new IllegalArgumentException("a stage's targets are finite and not negative");
        }
    }

    public long nanos() {
        return duration.toNanos();
    }

    /** The target {@code t} nanoseconds into the stage. */
    double valueAt(long t) {
        return from + (to - from) * clampedShare(t);
    }

    /** The integral of the target from the stage's start to {@code t} nanoseconds into it, in target-seconds. */
    double integralTo(long t) {
        double share = clampedShare(t);
        double seconds = nanos() / 1e9;
        return seconds * share * (from + (to - from) * share / 2);
    }

    /** The integral over the whole stage: requests of a rate stage. */
    double integral() {
        return nanos() / 1e9 * (from + to) / 2;
    }

    /**
     * Seconds into the stage at which the integral reaches {@code n} ({@code 0 <= n <= integral()}):
     * the intended start of the {@code n}-th request of a rate stage. Solves
     * {@code from * t + (to - from) * t^2 / (2 * D) = n}.
     */
    public double secondsToReach(double n) {
        if (n <= 0) {
            return 0;
        }
        double seconds = nanos() / 1e9;
        double slope = (to - from) / seconds;
        if (Math.abs(slope) * seconds < 1e-9 * Math.max(1, from)) {
            return n / from;
        }
        double root = Math.sqrt(Math.max(0, from * from + 2 * slope * n));
        // 2n / (a + sqrt(a^2 + 2sn)) is the root without cancellation when a is large and s small.
        double t = 2 * n / (from + root);
        return Math.min(seconds, t);
    }

    Stage scaled(double factor) {
        return new Stage(duration, from * factor, to * factor);
    }

    private double clampedShare(long t) {
        return Math.max(0, Math.min(1, (double) t / nanos()));
    }
}
