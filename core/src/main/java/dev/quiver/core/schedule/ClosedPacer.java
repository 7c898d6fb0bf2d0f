package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.time.Clock;

/**
 * The closed model: each connection keeps up to {@code -p} requests in flight and starts the next
 * one on its own thread as soon as one ends. Latency counts from the actual start.
 */
final class ClosedPacer implements Pacer {

    private final RequestBudget budget;
    private final ConnectionPool pool;
    private final Clock clock;
    private final Runnable onExhausted;

    /**
     * @param onExhausted called when a connection finds no ticket left, so that the run can end when the last request does
     */
    ClosedPacer(RequestBudget budget, ConnectionPool pool, Clock clock, Runnable onExhausted) {
        this.budget = budget;
        this.pool = pool;
        this.clock = clock;
        this.onExhausted = onExhausted;
    }

    @Override
    public void start() {
        // Connections that become ready from now on fill themselves; the ones ready already are told here.
        for (int i = 0; i < pool.size(); i++) {
            Lane lane = pool.current(i);
            Connection c = lane == null ? null : lane.connection();
            if (c != null) {
                c.executor().execute(() -> fill(lane));
            }
        }
    }

    @Override
    public void onReady(Lane lane) {
        fill(lane);
    }

    @Override
    public void onCapacity(Lane lane, Connection c) {
        fill(lane);
    }

    /** On the lane's thread: start requests until the connection is full or no ticket is left. */
    private void fill(Lane lane) {
        Connection c = lane.connection();
        if (c == null) {
            return;
        }
        if (!lane.wanted()) {
            lane.closeIfUnwanted(c);
            return;
        }
        long now = clock.nanoTime();
        lane.noteCredit(c, now, !budget.exhausted(now));
        while (c.acceptsStreams() && c.openStreams() < lane.capacity(c)) {
            Ticket t = budget.takeNow(now, lane.readyAtNanos());
            if (!t.isReal()) {
                onExhausted.run();
                return;
            }
            c.start(t.intendedStartNanos(), t.attempt(), t.request());
        }
        lane.noteCredit(c, now, !budget.exhausted(now));
    }

    /**
     * Connections with room must look at the retry, or else, once no fresh ticket is left, every
     * connection may sit idle and the retry would never start. Each is asked, since the retry may
     * be for a connection newer than its refused attempt only. With no room anywhere, a connection that
     * frees a stream, or a replacement that becomes ready, fills itself and takes retries first.
     */
    @Override
    public void onPutBack() {
        for (int i = 0; i < pool.size(); i++) {
            Lane lane = pool.current(i);
            if (lane != null && lane.room() > 0) {
                lane.connection().executor().execute(() -> fill(lane));
            }
        }
    }

    @Override
    public boolean chargeFailedConnect(long nowNanos) {
        return budget.takeNow(nowNanos, RetryQueue.ANY_CONNECTION).isReal();
    }

    @Override
    public void stop() {
        // Nothing of its own runs: the budget, stopped by the scheduler, hands out no more tickets.
    }

    @Override
    public void join(long millis) {
    }
}
