package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.HandshakeTimes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler's view of one connection, from the connect attempt to its close. In the closed
 * model it refills its streams on the connection's own thread whenever one ends; in the open
 * model the dispatcher hands it tickets.
 */
final class Lane implements ConnectionEvents {

    private final Scheduler scheduler;
    private final ConnectionSlot slot;
    /** Tickets handed to this lane's thread but not started yet (open model). */
    final AtomicInteger pending = new AtomicInteger();
    private volatile Connection connection;
    /** When this connection started waiting for stream credit, or -1; read live by {@link Scheduler#creditWaitNanosNow()}. */
    private volatile long creditBlockedSince = -1;

    Lane(Scheduler scheduler, ConnectionSlot slot) {
        this.scheduler = scheduler;
        this.slot = slot;
    }

    Connection connection() {
        return connection;
    }

    /** Nanoseconds of the credit wait still under way at {@code now}, 0 when not waiting. */
    long creditWaitingNanos(long now) {
        long since = creditBlockedSince;
        return since < 0 ? 0 : Math.max(0, now - since);
    }

    /** Streams this connection may still start now, by quiver's own limit and the peer's. */
    int room() {
        Connection c = connection;
        if (c == null || !c.acceptsStreams()) {
            return 0;
        }
        return capacity(c) - c.openStreams() - pending.get();
    }

    private int capacity(Connection c) {
        return Math.min(scheduler.streamsPerConnection(), c.peerStreamLimit());
    }

    /** Closed model, on the connection's thread: start requests until the connection is full. */
    void fill() {
        Connection c = connection;
        if (c == null || !scheduler.loadStarted()) {
            return;
        }
        long now = System.nanoTime();
        noteCredit(c, now);
        while (c.acceptsStreams() && c.openStreams() < capacity(c)) {
            Ticket t = scheduler.budget().takeNow(now);
            if (!t.isReal()) {
                scheduler.checkDone();
                return;
            }
            c.start(t.intendedStartNanos(), t.attempt());
        }
        noteCredit(c, now);
    }

    /** Open model, on the connection's thread: start one dispatched ticket, or give it back. */
    void startDispatched(Ticket t) {
        Connection c = connection;
        pending.decrementAndGet();
        if (c != null && c.acceptsStreams() && c.openStreams() < capacity(c)) {
            c.start(t.intendedStartNanos(), t.attempt());
            noteCredit(c, System.nanoTime());
        } else {
            scheduler.budget().putBack(t);
            scheduler.wakeDispatcher();
        }
    }

    /**
     * Open model, on the connection's thread: the dispatcher started or stopped waiting for room,
     * which starts or ends a wait for this connection's credit.
     */
    void noteCredit() {
        Connection c = connection;
        if (c != null) {
            noteCredit(c, System.nanoTime());
        }
    }

    /** Whether the peer's stream limit, not {@code -p}, keeps this connection below what quiver wants. */
    boolean creditLimited() {
        Connection c = connection;
        return c != null && c.peerStreamLimit() < scheduler.streamsPerConnection();
    }

    /**
     * Credit accounting: time during which quiver wanted more streams than the peer allowed
     * (the peer's limit, not {@code -p}, kept this connection full). Wanted means: in the closed
     * model, requests are left; in the open model, a due request waits for a connection with room.
     */
    private void noteCredit(Connection c, long now) {
        int limit = c.peerStreamLimit();
        boolean wanted = scheduler.isOpenModel() ? scheduler.dispatcherWaiting() : !scheduler.budget().exhausted(now);
        boolean blocked = limit < scheduler.streamsPerConnection() && c.openStreams() >= limit
                && c.acceptsStreams() && wanted;
        if (blocked && creditBlockedSince < 0) {
            creditBlockedSince = now;
        } else if (!blocked && creditBlockedSince >= 0) {
            scheduler.statistics().creditWaitNanos.add(now - creditBlockedSince);
            creditBlockedSince = -1;
        }
    }

    @Override
    public void onReady(Connection c, HandshakeTimes times) {
        this.connection = c;
        scheduler.onConnected(c, times);
        if (scheduler.isStopping()) {
            c.close(dev.quiver.core.stream.StreamState.CANCELLED, "cancelled: run ended");
            return;
        }
        slot.onReady(this);
        if (scheduler.isOpenModel()) {
            scheduler.wakeDispatcher();
        } else {
            fill();
        }
    }

    @Override
    public void onConnectFailed(String category, Throwable cause) {
        slot.onConnectFailed(this, category, cause);
    }

    @Override
    public void onCapacity(Connection c) {
        if (scheduler.isOpenModel()) {
            noteCredit(c, System.nanoTime());
            scheduler.wakeDispatcher();
        } else {
            fill();
        }
    }

    @Override
    public void onDraining(Connection c) {
        scheduler.statistics().goawaysReceived.increment();
        slot.onDraining(this);
    }

    @Override
    public void onClosed(Connection c, boolean lost) {
        Connection conn = connection;
        if (conn != null && creditBlockedSince >= 0) {
            scheduler.statistics().creditWaitNanos.add(System.nanoTime() - creditBlockedSince);
            creditBlockedSince = -1;
        }
        slot.onClosed(this, lost);
    }
}
