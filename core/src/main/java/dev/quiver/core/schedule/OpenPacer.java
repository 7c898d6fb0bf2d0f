package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.time.Clock;
import dev.quiver.core.time.SleepLoop;
import java.util.concurrent.TimeUnit;

/**
 * The open model: one thread starts requests on the {@link ArrivalSchedule}, handing each ticket
 * to a connection with room, round robin. When every connection is full the ticket waits, and its
 * latency keeps counting from its intended start (no coordinated omission).
 */
final class OpenPacer implements Pacer {

    private static final long FULL_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long DONE_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final RequestBudget budget;
    private final ArrivalSchedule schedule;
    private final ConnectionPool pool;
    private final Clock clock;
    private final Runnable onExhausted;
    private final SleepLoop loop;
    private int next;
    /** A due ticket found every connection full, and none has been placed since. */
    private volatile boolean waiting;

    /**
     * @param onExhausted called while no new ticket is left, so that the run can end when the last one finishes
     */
    OpenPacer(RequestBudget budget, ArrivalSchedule schedule, ConnectionPool pool, Clock clock, Runnable onExhausted) {
        this.budget = budget;
        this.schedule = schedule;
        this.pool = pool;
        this.clock = clock;
        this.onExhausted = onExhausted;
        this.loop = clock.newSleepLoop("quiver-dispatcher", this::step);
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void onReady(Lane lane) {
        loop.wake();
    }

    /**
     * A stream ended. The dispatcher needs to know only when a due ticket waits for room: waking it
     * on every end cost an unpark per request. (A ticket that finds no room just as this runs is
     * tried again after {@link #FULL_WAIT_NANOS} at the latest.)
     */
    @Override
    public void onCapacity(Lane lane, Connection c) {
        boolean ticketWaits = waiting;
        lane.noteCredit(c, clock.nanoTime(), ticketWaits);
        if (ticketWaits) {
            loop.wake();
        }
    }

    @Override
    public void onPutBack() {
        loop.wake();
    }

    @Override
    public boolean chargeFailedConnect(long nowNanos) {
        return false;
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public void join(long millis) throws InterruptedException {
        loop.join(millis);
    }

    /** One round of the dispatcher thread; returns how long to sleep. */
    private long step(long now) {
        if (budget.hasRetries() && dispatchRetry(now)) {
            return 0;
        }
        Ticket t = budget.takeScheduled(now, schedule);
        if (!t.isReal()) {
            setWaiting(false);
        }
        if (t == Ticket.DONE) {
            onExhausted.run();
            // a retry may wait for a connection newer than its refused attempt: look again soon, not at once
            return budget.hasPutBack() ? FULL_WAIT_NANOS : DONE_SLEEP_NANOS;
        }
        if (t == Ticket.NOT_YET) {
            return Math.min(budget.nextScheduledStart(schedule) - now, MAX_SLEEP_NANOS);
        }
        return dispatch(t);
    }

    private long dispatch(Ticket t) {
        Lane lane = laneWithRoom();
        if (lane == null) {
            budget.putBack(t);
            setWaiting(true);
            return FULL_WAIT_NANOS;
        }
        setWaiting(false);
        lane.pending.incrementAndGet();
        lane.connection().executor().execute(() -> startDispatched(lane, t));
        return 0;
    }

    /** A retry to the first connection with room that may take it, round robin; false if none may now. */
    private boolean dispatchRetry(long now) {
        int n = pool.size();
        for (int i = 0; i < n; i++) {
            Lane lane = pool.current((next + i) % n);
            if (lane == null || lane.room() <= 0) {
                continue;
            }
            Ticket t = budget.takeRetry(lane.readyAtNanos(), now);
            if (t != null) {
                next = (next + i + 1) % n;
                lane.pending.incrementAndGet();
                lane.connection().executor().execute(() -> startDispatched(lane, t));
                return true;
            }
        }
        return false;
    }

    /** On the lane's thread: start one dispatched ticket, or give it back. */
    private void startDispatched(Lane lane, Ticket t) {
        Connection c = lane.connection();
        lane.pending.decrementAndGet();
        if (c != null && c.acceptsStreams() && c.openStreams() < lane.capacity(c)) {
            c.start(t.intendedStartNanos(), t.attempt(), t.request());
            lane.noteCredit(c, clock.nanoTime(), waiting);
        } else if (t.attempt() > 0) {
            // a retry that found the connection full or going: back to wait for one at least as new
            budget.retry(t, lane.readyAtNanos(), clock.nanoTime(), true);
            loop.wake();
        } else {
            budget.putBack(t);
            loop.wake();
        }
    }

    /**
     * On a change, the connections the peer's credit holds back are told on their own thread, so
     * that their credit wait starts (or ends) now rather than at their next stream's end: wanted,
     * in the open model, means a due request waits for a connection with room.
     */
    private void setWaiting(boolean now) {
        if (waiting == now) {
            return;
        }
        waiting = now;
        for (int i = 0; i < pool.size(); i++) {
            Lane lane = pool.current(i);
            if (lane != null && lane.creditLimited()) {
                Connection c = lane.connection();
                c.executor().execute(() -> lane.noteCredit(c, clock.nanoTime(), waiting));
            }
        }
    }

    private Lane laneWithRoom() {
        int n = pool.size();
        for (int i = 0; i < n; i++) {
            Lane candidate = pool.current((next + i) % n);
            if (candidate != null && candidate.room() > 0) {
                next = (next + i + 1) % n;
                return candidate;
            }
        }
        return null;
    }
}
