package dev.quiver.core.schedule;

/**
 * Permission to start one request.
 *
 * @param intendedStartNanos when it was meant to start, on the run's clock ({@link System#nanoTime()} in a run)
 * @param attempt 0 for a first try, 1 for the one retry of a refused request
 * @param request which entry of the run's {@link dev.quiver.core.engine.RequestMix} it sends (a retry sends the same)
 */
record Ticket(long intendedStartNanos, int attempt, int request) {

    /** No request may start now, but later ones may (open model: the next start time has not come). */
    static final Ticket NOT_YET = new Ticket(Long.MIN_VALUE, -1, 0);
    /** No request will start any more: count or duration reached, or the run was stopped. */
    static final Ticket DONE = new Ticket(Long.MAX_VALUE, -1, 0);

    boolean isReal() {
        return attempt >= 0;
    }
}
