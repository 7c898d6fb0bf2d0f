package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.stats.RunRecorder;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.time.Clock;
import dev.quiver.core.time.Timer;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's {@code -c} connections: one {@link ConnectionSlot} each, which reconnects after a
 * loss or a GOAWAY and backs off while connects fail. At most {@code maxConnecting} connects are
 * under way at once; the others wait in order of asking. It records what happens to connections and
 * tells the run only what the run acts on, through a {@link PoolListener}; requests reach its
 * connections through the {@link Pacer} it is given when the load starts.
 */
final class ConnectionPool {

    private final Engine engine;
    private final int streamsPerConnection;
    private final RunRecorder recorder;
    private final Clock clock;
    private final Timer timer;
    private final PoolListener listener;
    private final ConnectionSlot[] slots;
    /** Every connection under way or open, draining ones included. */
    private final Set<Lane> lanes = ConcurrentHashMap.newKeySet();
    private final int maxConnecting;
    /** Lanes whose connect waits for one of the {@link #maxConnecting} under way to end; guarded by itself. */
    private final ArrayDeque<Lane> queued = new ArrayDeque<>();
    /** Connects started and not yet ready or failed; guarded by {@link #queued}. */
    private int connecting;
    private volatile Pacer pacer;
    private volatile boolean stopping;
    /** When a connection last became ready: whether a retry has a newer connection to go to ({@link RetryQueue}). */
    private volatile long lastReadyNanos;

    /**
     * @param timer runs the reconnects after a back-off
     */
    ConnectionPool(Engine engine, int connections, int streamsPerConnection, int maxConnecting, RunRecorder recorder,
                   Clock clock, Timer timer, PoolListener listener) {
        this.engine = engine;
        this.maxConnecting = maxConnecting;
        this.streamsPerConnection = streamsPerConnection;
        this.recorder = recorder;
        this.clock = clock;
        this.timer = timer;
        this.listener = listener;
        this.slots = new ConnectionSlot[connections];
        for (int i = 0; i < connections; i++) {
            slots[i] = new ConnectionSlot(this);
        }
    }

    // ---- for the run --------------------------------------------------------------------------

    /** Opens the first slot's connection: the preflight. */
    void connectFirst() {
        slots[0].connect();
    }

    /**
     * A ramp of connections wants slots {@code [0, n)} and no others: the first {@code n} connect
     * (or keep their connections), the rest close theirs once idle.
     *
     * @param was the {@code n} of the previous call ({@link #size()} before the first): only the slots between change
     */
    void want(int was, int n) {
        for (int i = was; i < n; i++) {
            slots[i].want();
        }
        for (int i = n; i < was; i++) {
            slots[i].release();
        }
    }

    /** Opens every other slot's connection: the load has started. */
    void connectOthers() {
        for (int i = 1; i < slots.length; i++) {
            slots[i].connect();
        }
    }

    /** From now on, connections that are ready or have room tell this pacer. */
    void pace(Pacer p) {
        this.pacer = p;
    }

    /** The run is ending: no connect or reconnect starts, and failures and losses no longer count. */
    void stop() {
        stopping = true;
    }

    /** Closes every open connection; its live streams end as cancelled. */
    void closeAll() {
        for (Lane lane : lanes) {
            Connection c = lane.connection();
            if (c != null) {
                c.close(StreamState.CANCELLED, Scheduler.RUN_ENDED);
            }
        }
    }

    /** Whether no connection is open any more (connects still under way are not counted: closing the engine ends them). */
    boolean allClosed() {
        for (Lane lane : lanes) {
            if (lane.connection() != null) {
                return false;
            }
        }
        return true;
    }

    /** Credit waits still under way at {@code now}, summed over the open connections. */
    long creditWaitingNanos(long now) {
        long total = 0;
        for (Lane lane : lanes) {
            total += lane.creditWaitingNanos(now);
        }
        return total;
    }

    // ---- for pacers ---------------------------------------------------------------------------

    int size() {
        return slots.length;
    }

    /** Slot {@code i}'s latest connection, or null. */
    Lane current(int i) {
        return slots[i].current();
    }

    /** Whether a connection became ready at or after {@code nanos}. */
    boolean readySince(long nanos) {
        return lastReadyNanos - nanos >= 0;
    }

    /** Whether a connect is under way or waits for its turn: a connection that will be ready soon. */
    boolean connectUnderWay() {
        synchronized (queued) {
            return connecting > 0 || !queued.isEmpty();
        }
    }

    // ---- for slots and lanes ------------------------------------------------------------------

    Pacer pacer() {
        return pacer;
    }

    boolean stopping() {
        return stopping;
    }

    int streamsPerConnection() {
        return streamsPerConnection;
    }

    RunRecorder recorder() {
        return recorder;
    }

    long nanoTime() {
        return clock.nanoTime();
    }

    void open(Lane lane) {
        lanes.add(lane);
        synchronized (queued) {
            if (connecting >= maxConnecting) {
                queued.add(lane);
                return;
            }
            connecting++;
        }
        lane.startConnect(engine);
    }

    /** A connect under way ended (ready or failed): the next waiting one starts, off the caller's stack. */
    void connectEnded() {
        Lane next;
        synchronized (queued) {
            next = stopping ? null : queued.poll();
            if (next == null) {
                connecting--;
                return;
            }
        }
        timer.execute(() -> startQueued(next));
    }

    private void startQueued(Lane lane) {
        if (stopping) {
            lanes.remove(lane);
            connectEnded();
            return;
        }
        lane.startConnect(engine);
    }

    void connected(Connection c, long readyAtNanos, HandshakeTimes times) {
        lastReadyNanos = readyAtNanos; // two lanes ready at once may store theirs out of order: microseconds apart, close enough
        recorder.connectionReady(c, times);
        listener.connectionReady(c);
    }

    void connectFailed(Lane lane, String category, Throwable cause) {
        lanes.remove(lane);
        if (stopping) {
            return; // a connect cut short by the end of the run is no failure of the target
        }
        recorder.connectFailed(category);
        listener.connectFailed(category, cause);
    }

    void closed(Lane lane, boolean lost) {
        lanes.remove(lane);
        if (lost && !stopping) {
            recorder.connectionLost();
        }
    }

    /** Runs {@code task} after {@code delayNanos}, unless the run ends first. */
    void later(Runnable task, long delayNanos) {
        if (!stopping) {
            timer.schedule(task, delayNanos);
        }
    }
}
