package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.time.Clock;

/**
 * Decides when each request may start and on which connection: the model of the load. The closed
 * model ({@link ClosedPacer}) starts a request whenever a connection has room; the open model
 * ({@link OpenPacer}) starts them on a schedule, whether or not earlier ones have ended. Both take
 * their tickets from the run's {@link RequestBudget}.
 *
 * <p>A new way to pace is one more class: a ramp of arrival rates is an {@link ArrivalSchedule}
 * for the open pacer ({@link RampArrivals}); a ramp of virtual users is the closed pacer with a
 * thread that changes how many connections it uses ({@link ConnectionRampPacer}).
 */
interface Pacer {

    /** The pacer of a workload, for the load that starts now. */
    static Pacer of(Workload w, RequestBudget budget, ConnectionPool pool, Clock clock, Runnable onExhausted) {
        Ramp ramp = w.rampFromStart();
        return switch (w.model()) {
            case CLOSED -> ramp == null ? new ClosedPacer(budget, pool, clock, onExhausted)
                    : new ConnectionRampPacer(new ClosedPacer(budget, pool, clock, onExhausted), pool, ramp,
                            budget.startNanos(), clock);
            case OPEN -> new OpenPacer(budget, ramp == null ? ArrivalSchedule.fixedRate(w.rate()) : new RampArrivals(ramp),
                    pool, clock, onExhausted);
        };
    }

    /** The load starts: begin starting requests on the connections that are ready. */
    void start();

    /** On the lane's thread: its connection is ready for streams. */
    void onReady(Lane lane);

    /** On the lane's thread: a stream of {@code c} ended or the peer's stream limit rose. */
    void onCapacity(Lane lane, Connection c);

    /** A ticket was put back (a refused request to retry): see that a connection with room takes it. */
    void onPutBack();

    /**
     * A connect failed during the load. Whether it uses up one request: in the closed model it
     * does, so that a run with {@code -n} ends even when the target has gone away; in the open
     * model the schedule goes on regardless.
     */
    boolean chargeFailedConnect(long nowNanos);

    /** No request starts any more: the run is ending. */
    void stop();

    /** Waits up to {@code millis} for the pacer's own thread, if it has one, to end. */
    void join(long millis) throws InterruptedException;
}
