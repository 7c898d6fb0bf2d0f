package dev.quiver.core.schedule;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one thread that starts requests on the open model's fixed schedule. It hands each ticket
 * to a connection with room, round robin; when every connection is full the ticket waits, and
 * its latency keeps counting from its intended start (no coordinated omission).
 */
final class OpenModelDispatcher implements Runnable {

    private static final long FULL_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final RequestBudget budget;
    private final List<ConnectionSlot> slots;
    private final BooleanSupplier stopping;
    private final Runnable onExhausted;
    private final Thread thread;
    private int next;
    /** A due ticket found every connection full, and none has been placed since. */
    private volatile boolean waiting;

    /**
     * @param onExhausted called while no new ticket is left, so that the run can end when the last one finishes
     */
    OpenModelDispatcher(RequestBudget budget, List<ConnectionSlot> slots, BooleanSupplier stopping, Runnable onExhausted) {
        this.budget = budget;
        this.slots = slots;
        this.stopping = stopping;
        this.onExhausted = onExhausted;
        this.thread = new Thread(this, "quiver-dispatcher");
        this.thread.setDaemon(true);
    }

    /** Whether a due request is waiting for a connection with room (read by lanes for credit accounting). */
    boolean waiting() {
        return waiting;
    }

    void start() {
        thread.start();
    }

    /** Capacity may have freed up, or the run is ending: look again now. */
    void wake() {
        LockSupport.unpark(thread);
    }

    void join(long millis) throws InterruptedException {
        wake();
        thread.join(millis);
    }

    @Override
    public void run() {
        while (!stopping.getAsBoolean()) {
            long now = System.nanoTime();
            Ticket t = budget.takeScheduled(now);
            if (!t.isReal()) {
                setWaiting(false);
            }
            if (t == Ticket.DONE) {
                onExhausted.run();
                if (!budget.hasPutBack()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            } else if (t == Ticket.NOT_YET) {
                long wait = budget.nextScheduledStart() - now;
                if (wait > 0) {
                    LockSupport.parkNanos(Math.min(wait, MAX_SLEEP_NANOS));
                }
            } else {
                dispatch(t);
            }
        }
    }

    private void dispatch(Ticket t) {
        Lane lane = laneWithRoom();
        if (lane == null) {
            budget.putBack(t);
            setWaiting(true);
            LockSupport.parkNanos(FULL_WAIT_NANOS);
            return;
        }
        setWaiting(false);
        lane.pending.incrementAndGet();
        lane.connection().executor().execute(() -> lane.startDispatched(t));
    }

    /**
     * On a change, the connections the peer's credit holds back are told on their own thread, so
     * that their credit wait starts (or ends) now rather than at their next stream's end.
     */
    private void setWaiting(boolean now) {
        if (waiting == now) {
            return;
        }
        waiting = now;
        for (ConnectionSlot slot : slots) {
            Lane lane = slot.current();
            if (lane != null && lane.creditLimited()) {
                lane.connection().executor().execute(lane::noteCredit);
            }
        }
    }

    private Lane laneWithRoom() {
        int n = slots.size();
        for (int i = 0; i < n; i++) {
            Lane candidate = slots.get((next + i) % n).current();
            if (candidate != null && candidate.room() > 0) {
                next = (next + i + 1) % n;
                return candidate;
            }
        }
        return null;
    }
}
