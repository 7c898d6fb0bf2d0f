package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;

/**
 * What the {@link ConnectionPool} tells the run about its connections: all the pool knows of the
 * scheduler. Called on the engines' threads.
 */
interface PoolListener {

    /** A connection became ready; the first one tells that the target is there and which protocol runs. */
    void connectionReady(Connection c);

    /**
     * A connect failed while the run goes on (the pool has counted it already).
     *
     * @param category bounded text, named the same on every engine ({@code connect: refused})
     */
    void connectFailed(String category, Throwable cause);
}
