package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.time.Clock;
import dev.quiver.core.time.SleepLoop;
import java.util.concurrent.TimeUnit;

/**
 * The closed model under a ramp of connections: the connections it wants are the closed model's
 * virtual users (each keeps up to {@code -p} requests in flight), and a thread of its own moves
 * their number along the stages, rounded to whole connections. A connection no longer wanted
 * starts nothing new and closes once its streams have ended (requests are not cut off); one
 * wanted again takes requests at once if it is still open, else a new one opens.
 */
final class ConnectionRampPacer implements Pacer {

    /** How often the wanted count is looked at: fine enough for stages of a few seconds. */
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ClosedPacer closed;
    private final ConnectionPool pool;
    private final Ramp ramp;
    private final long startNanos;
    private final SleepLoop loop;
    /** Slots wanted now; only the ramp's thread changes it after the constructor. */
    private int wanted;

    /**
     * @param ramp the stages from {@code startNanos} on, a warm-up's hold included
     */
    ConnectionRampPacer(ClosedPacer closed, ConnectionPool pool, Ramp ramp, long startNanos, Clock clock) {
        this.closed = closed;
        this.pool = pool;
        this.ramp = ramp;
        this.startNanos = startNanos;
        this.wanted = pool.size();
        // Before the other slots connect: only those wanted at the start open a connection.
        step(startNanos);
        this.loop = clock.newSleepLoop("quiver-ramp", this::step);
    }

    /** Connections the ramp wants {@code now}, a whole number within the pool. */
    int wantedAt(long now) {
        long n = Math.round(ramp.valueAt(now - startNanos));
        return (int) Math.max(0, Math.min(pool.size(), n));
    }

    private long step(long now) {
        int n = wantedAt(now);
        if (n != wanted) {
            pool.want(wanted, n);
            wanted = n;
        }
        return STEP_NANOS;
    }

    @Override
    public void start() {
        closed.start();
        loop.start();
    }

    @Override
    public void onReady(Lane lane) {
        closed.onReady(lane);
    }

    @Override
    public void onCapacity(Lane lane, Connection c) {
        closed.onCapacity(lane, c);
    }

    @Override
    public void onPutBack() {
        closed.onPutBack();
    }

    @Override
    public boolean chargeFailedConnect(long nowNanos) {
        return closed.chargeFailedConnect(nowNanos);
    }

    @Override
    public void stop() {
        loop.stop();
        closed.stop();
    }

    @Override
    public void join(long millis) throws InterruptedException {
        loop.join(millis);
    }
}
