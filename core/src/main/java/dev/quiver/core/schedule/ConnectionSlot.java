package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.SocketErrors;
import dev.quiver.core.error.ErrorCategory;

/**
 * One of the {@code -c} connections the run keeps up: a virtual user. It opens a connection,
 * opens a replacement when the peer drains it (GOAWAY) or loses it, and backs off when
 * connecting keeps failing.
 *
 * <p>Under a ramp of connections a slot is wanted or not: one that is no longer wanted starts no
 * request, closes its connection once that has no stream open, and opens none until it is wanted again.
 */
final class ConnectionSlot {

    private final ConnectionPool pool;
    private final ReconnectBackoff backoff = new ReconnectBackoff();
    private volatile Lane current;
    private volatile boolean wanted = true;
    /** Whether {@link #current} is being opened or is open (draining included); guarded by this. */
    private boolean live;

    ConnectionSlot(ConnectionPool pool) {
        this.pool = pool;
    }

    /** This slot's latest connection (the one being opened, or open), or null before the first. */
    Lane current() {
        return current;
    }

    /** Whether the run wants this slot's connection now (always, but under a ramp of connections). */
    boolean wanted() {
        return wanted;
    }

    /** Opens this slot's next connection, unless the run is ending or the slot is not wanted. */
    synchronized void connect() {
        if (pool.stopping() || !wanted) {
            return;
        }
        Lane lane = new Lane(pool, this);
        current = lane;
        live = true;
        pool.open(lane);
    }

    /** A ramp of connections wants this slot again: its connection, still open or a new one, takes requests. */
    synchronized void want() {
        if (wanted) {
            return;
        }
        wanted = true;
        Lane lane = current;
        if (!live) {
            connect();
            return;
        }
        Connection c = lane.connection();
        Pacer pacer = pool.pacer();
        if (c != null && pacer != null) {
            c.executor().execute(() -> pacer.onReady(lane));
        }
    }

    /** A ramp of connections no longer wants this slot: its connection starts nothing more and closes when idle. */
    synchronized void release() {
        if (!wanted) {
            return;
        }
        wanted = false;
        Lane lane = current;
        Connection c = lane == null ? null : lane.connection();
        if (c != null) {
            c.executor().execute(() -> lane.closeIfUnwanted(c));
        }
    }

    synchronized void onReady(Lane lane) {
        backoff.reset();
    }

    synchronized void onConnectFailed(Lane lane, String category, Throwable cause) {
        // An engine may not know the words for a local shortage (a UDP socket that could not be
        // opened); the cause does: name it the same way on every engine.
        String local = SocketErrors.localResource(cause);
        boolean localShortage = local != null || SocketErrors.isLocalResource(category);
        pool.connectFailed(lane, local != null ? ErrorCategory.connect(local) : category, cause);
        if (lane != current || pool.stopping()) {
            return;
        }
        live = false;
        if (wanted) {
            pool.later(this::connect, backoff.next(localShortage));
        }
    }

    synchronized void onDraining(Lane lane) {
        if (lane == current && wanted) {
            connect(); // the draining connection finishes its streams beside the new one
        }
    }

    synchronized void onClosed(Lane lane, boolean lost) {
        pool.closed(lane, lost);
        if (lane == current) {
            live = false;
            connect();
        }
    }
}
