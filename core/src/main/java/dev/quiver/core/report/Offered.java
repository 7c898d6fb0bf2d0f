package dev.quiver.core.report;

import java.util.List;

/**
 * What one interval of a run offered the server, beside what it served: the requests started in
 * it, the connections open at its end, and under a ramp the mean of the ramp's target over it.
 *
 * @param started streams opened in the interval (requests started, retried attempts included); -1 when not known
 *                (a report that did not carry it)
 * @param connections connections open at the end of the interval; -1 when not known
 * @param target under a ramp, the mean of its target over the interval (requests per second scheduled, or
 *               connections wanted); {@link Double#NaN} for a steady load
 */
public record Offered(long started, long connections, double target) {

    /** Nothing known: an interval read from a report that carried none of it. */
    public static final Offered UNKNOWN = new Offered(-1, -1, Double.NaN);

    public boolean hasTarget() {
        return !Double.isNaN(target);
    }

    /**
     * Consecutive intervals of one run as one: starts summed, the connections at the end of the
     * last, the targets' mean weighted by length.
     */
    static Offered joined(List<Interval> parts) {
        double weighted = 0;
        long length = 0;
        for (Interval i : parts) {
            if (i.offered().hasTarget()) {
                weighted += i.offered().target() * i.lengthMicros();
                length += i.lengthMicros();
            }
        }
        double target = length > 0 ? weighted / length
                : parts.stream().map(Interval::offered).filter(Offered::hasTarget).mapToDouble(Offered::target)
                        .findFirst().orElse(Double.NaN);
        return new Offered(started(parts), parts.get(parts.size() - 1).offered().connections(), target);
    }

    /** Intervals of runs side by side (shards of one load) in one slot: everything summed. */
    static Offered sideBySide(List<Interval> parts) {
        long connections = 0;
        double target = 0;
        boolean anyTarget = false;
        for (Interval i : parts) {
            Offered o = i.offered();
            connections = connections < 0 || o.connections() < 0 ? -1 : connections + o.connections();
            if (o.hasTarget()) {
                target += o.target();
                anyTarget = true;
            }
        }
        return new Offered(started(parts), connections, anyTarget ? target : Double.NaN);
    }

    private static long started(List<Interval> parts) {
        long sum = 0;
        for (Interval i : parts) {
            if (i.offered().started() < 0) {
                return -1;
            }
            sum += i.offered().started();
        }
        return sum;
    }
}
