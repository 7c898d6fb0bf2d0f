package dev.quiver.core.schedule;

import dev.quiver.core.engine.SocketErrors;
import dev.quiver.core.error.ErrorCategory;

/**
 * One of the {@code -c} connections the run keeps up: a virtual user. It opens a connection,
 * opens a replacement when the peer drains it (GOAWAY) or loses it, and backs off when
 * connecting keeps failing.
 */
final class ConnectionSlot {

    private final ConnectionPool pool;
    private final ReconnectBackoff backoff = new ReconnectBackoff();
    private volatile Lane current;

    ConnectionSlot(ConnectionPool pool) {
        this.pool = pool;
    }

    /** This slot's latest connection (the one being opened, or open), or null before the first. */
    Lane current() {
        return current;
    }

    /** Opens this slot's next connection. */
    synchronized void connect() {
        if (pool.stopping()) {
            return;
        }
        Lane lane = new Lane(pool, this);
        current = lane;
        pool.open(lane);
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
        pool.later(this::connect, backoff.next(localShortage));
    }

    synchronized void onDraining(Lane lane) {
        if (lane == current) {
            connect(); // the draining connection finishes its streams beside the new one
        }
    }

    synchronized void onClosed(Lane lane, boolean lost) {
        pool.closed(lane, lost);
        if (lane == current && !pool.stopping()) {
            connect();
        }
    }
}
