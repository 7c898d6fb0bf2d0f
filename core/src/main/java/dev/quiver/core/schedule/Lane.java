package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamState;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool's view of one connection, from the connect attempt to its close: it passes the
 * engine's events to its {@link ConnectionSlot} and to the run's {@link Pacer}, and keeps the
 * connection's credit wait.
 */
final class Lane implements ConnectionEvents {

    /** Why a connection a ramp no longer wants is closed; it has no stream open then, so nothing ends with it. */
    static final String RAMPED_DOWN = ErrorCategory.cancelled("ramped down");

    private final ConnectionPool pool;
    private final ConnectionSlot slot;
    /** Tickets handed to this lane's thread but not started yet (open model). */
    final AtomicInteger pending = new AtomicInteger();
    private volatile Connection connection;
    /** When the connection became ready, on the run's clock: which retries it may take ({@link RetryQueue}). */
    private volatile long readyAtNanos;
    /** Whether this lane's connect is under way: it holds one of the pool's connects in flight until ready or failed. */
    private final AtomicBoolean connecting = new AtomicBoolean();
    /** When this connection started waiting for stream credit, or -1; read live by {@link ConnectionPool#creditWaitingNanos}. */
    private volatile long creditBlockedSince = -1;

    Lane(ConnectionPool pool, ConnectionSlot slot) {
        this.pool = pool;
        this.slot = slot;
    }

    /** Starts this lane's connect; the pool has counted it among those under way. */
    void startConnect(Engine engine) {
        connecting.set(true);
        engine.connect(this);
    }

    /** The connect ended one way or the other: its place among the connects under way goes to the next. */
    private void connectEnded() {
        if (connecting.compareAndSet(true, false)) {
            pool.connectEnded();
        }
    }

    long readyAtNanos() {
        return readyAtNanos;
    }

    /** The connection once it is ready, else null. */
    Connection connection() {
        return connection;
    }

    /** Nanoseconds of the credit wait still under way at {@code now}, 0 when not waiting. */
    long creditWaitingNanos(long now) {
        long since = creditBlockedSince;
        return since < 0 ? 0 : Math.max(0, now - since);
    }

    /** Whether the run wants requests on this connection (not so for a slot a ramp of connections let go). */
    boolean wanted() {
        return slot.wanted();
    }

    /** On the connection's thread: closes it when its slot is no longer wanted and no stream is open on it. */
    void closeIfUnwanted(Connection c) {
        if (!slot.wanted() && c.openStreams() == 0) {
            c.close(StreamState.CANCELLED, RAMPED_DOWN);
        }
    }

    /** Streams this connection may still start now, by quiver's own limit and the peer's. */
    int room() {
        Connection c = connection;
        if (c == null || !c.acceptsStreams() || !slot.wanted()) {
            return 0;
        }
        return capacity(c) - c.openStreams() - pending.get();
    }

    /** Streams this connection may have open at once: {@code -p}, or fewer when the peer allows fewer. */
    int capacity(Connection c) {
        return Math.min(pool.streamsPerConnection(), c.peerStreamLimit());
    }

    /** Whether the peer's stream limit, not {@code -p}, keeps this connection below what quiver wants. */
    boolean creditLimited() {
        Connection c = connection;
        return c != null && c.peerStreamLimit() < pool.streamsPerConnection();
    }

    /**
     * On the connection's thread. Credit accounting: time during which quiver wanted more streams
     * than the peer allowed (the peer's limit, not {@code -p}, kept this connection full).
     *
     * @param wanted whether requests are waiting to start, as the pacer sees it
     */
    void noteCredit(Connection c, long now, boolean wanted) {
        int limit = c.peerStreamLimit();
        boolean blocked = limit < pool.streamsPerConnection() && c.openStreams() >= limit
                && c.acceptsStreams() && wanted;
        if (blocked && creditBlockedSince < 0) {
            creditBlockedSince = now;
        } else if (!blocked && creditBlockedSince >= 0) {
            pool.recorder().creditWait(now - creditBlockedSince);
            creditBlockedSince = -1;
        }
    }

    @Override
    public void onReady(Connection c, HandshakeTimes times) {
        connectEnded();
        this.readyAtNanos = pool.nanoTime();
        this.connection = c;
        pool.connected(c, readyAtNanos, times);
        if (pool.stopping()) {
            c.close(StreamState.CANCELLED, Scheduler.RUN_ENDED);
            return;
        }
        slot.onReady(this);
        if (!slot.wanted()) {
            closeIfUnwanted(c); // a ramp let its slot go while it waited for its turn to connect
            return;
        }
        Pacer pacer = pool.pacer();
        if (pacer != null) {
            pacer.onReady(this);
        }
    }

    @Override
    public void onConnectFailed(String category, Throwable cause) {
        connectEnded();
        slot.onConnectFailed(this, category, cause);
    }

    @Override
    public void onCapacity(Connection c) {
        Pacer pacer = pool.pacer();
        if (pacer != null) {
            pacer.onCapacity(this, c);
        }
    }

    @Override
    public void onDraining(Connection c) {
        pool.recorder().goawayReceived();
        slot.onDraining(this);
    }

    @Override
    public void onRetiring(Connection c) {
        slot.onDraining(this);
    }

    @Override
    public void onTransport(Connection c, TransportSample sample) {
        pool.recorder().transport(sample);
    }

    @Override
    public void onClosed(Connection c, boolean lost) {
        connectEnded(); // an engine that closes a connection before it was ready
        if (connection != null && creditBlockedSince >= 0) {
            pool.recorder().creditWait(pool.nanoTime() - creditBlockedSince);
            creditBlockedSince = -1;
        }
        slot.onClosed(this, lost);
    }
}
