package dev.quiver.core.schedule;

/**
 * When the open model's requests are meant to start: request {@code i} at {@code start +
 * offsetNanos(i)}. A fixed rate ({@code -q}) is one; a ramp of arrival rates ({@link RampArrivals}) another.
 */
@FunctionalInterface
interface ArrivalSchedule {

    /** Nanoseconds from the start of the load at which request {@code index} (0 for the first) is meant to start. */
    long offsetNanos(long index);

    /** {@code rate} requests per second, evenly spaced. */
    static ArrivalSchedule fixedRate(double rate) {
        double periodNanos = 1e9 / rate;
        return i -> (long) (i * periodNanos);
    }
}
