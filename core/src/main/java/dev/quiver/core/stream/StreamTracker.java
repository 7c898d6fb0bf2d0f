package dev.quiver.core.stream;

import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.time.Clock;
import dev.quiver.core.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one owner of every stream of a run, whatever the engine. A stream enters the map when it
 * opens and leaves it in the same step that gives it its terminal state; a connection that ends
 * sweeps its streams; a watchdog ends streams older than the request timeout so that nothing
 * lives forever even when an engine misses an event.
 */
public final class StreamTracker implements AutoCloseable {

    private static final StreamOutcomeListener NO_LISTENER = (r, s, c, t) -> { };

    private final long timeoutNanos;
    private final StreamOutcomeListener listener;
    private final ConcurrentHashMap<Long, ConnectionStreams> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final LongAdder opened = new LongAdder();
    private final LongAdder[] terminal = new LongAdder[StreamState.values().length];
    private final LongAdder doubleTerminal = new LongAdder();
    private final LongAdder forcedByWatchdog = new LongAdder();
    private final Clock clock;
    private final Timer watchdog;
    /** Set once the run has ended: what still completes is no longer part of the run. */
    private volatile String cutOffCategory;

    /**
     * @param requestTimeout streams older than this are expired by the watchdog; {@link Duration#ZERO} turns it off
     */
    public StreamTracker(Duration requestTimeout, StreamOutcomeListener listener) {
        this(requestTimeout, listener, Clock.system());
    }

    /**
     * @param clock what streams' start and end times and the watchdog's ticks are taken from
     */
    public StreamTracker(Duration requestTimeout, StreamOutcomeListener listener, Clock clock) {
        this.clock = clock;
        this.timeoutNanos = requestTimeout.toNanos();
        this.listener = listener == null ? NO_LISTENER : listener;
        for (int i = 0; i < terminal.length; i++) {
            terminal[i] = new LongAdder();
        }
        if (timeoutNanos > 0) {
            watchdog = clock.newTimer("quiver-stream-watchdog");
            long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(100)));
            watchdog.scheduleWithFixedDelay(this::expireOld, tick, tick);
        } else {
            watchdog = null;
        }
    }

    /** A new connection's stream map. */
    public ConnectionStreams register(StreamControl control) {
        ConnectionStreams c = new ConnectionStreams(this, nextConnectionId.incrementAndGet(), control);
        connections.put(c.id(), c);
        return c;
    }

    void deregister(ConnectionStreams c) {
        connections.remove(c.id(), c);
    }

    void opened(StreamRecord r) {
        opened.increment();
    }

    void ended(StreamRecord r, StreamState state, String category, long nowNanos) {
        terminal[state.ordinal()].increment();
        listener.onTerminal(r, state, category, nowNanos);
    }

    /**
     * The run ends now: a stream that would complete from here on ends as {@code CANCELLED} with
     * this category instead. An engine cancels its streams on its own thread, and that thread may
     * first work through responses that arrived late; those belong to no run of the asked length
     * ({@code -z} means what is in flight at the end is cancelled, not waited for).
     */
    public void cutOff(String category) {
        cutOffCategory = category;
    }

    /** The category a completion gets after the cut-off, or null while the run goes on. */
    String cutOffCategory() {
        return cutOffCategory;
    }

    void doubleTerminal(StreamRecord r, StreamState state) {
        doubleTerminal.increment();
    }

    /** The time on the tracker's clock: streams' start and end times. */
    long nanoTime() {
        return clock.nanoTime();
    }

    /** Runs one watchdog pass now; the watchdog thread calls it every tick. */
    void expireOld() {
        long now = clock.nanoTime();
        List<StreamRecord> expired = new ArrayList<>();
        for (ConnectionStreams c : connections.values()) {
            expired.clear();
            c.collectExpired(now - timeoutNanos, expired);
            for (StreamRecord r : expired) {
                long age = now - r.startNanos();
                if (age > 2 * timeoutNanos + TimeUnit.SECONDS.toNanos(1)) {
                    // The engine was asked and did not act: end it here so that it cannot live forever.
                    forceEnd(c, r);
                } else {
                    try {
                        c.control().expire(r);
                    } catch (RuntimeException e) {
                        forceEnd(c, r);
                    }
                }
            }
        }
    }

    private void forceEnd(ConnectionStreams c, StreamRecord r) {
        if (!r.isEnded()) {
            forcedByWatchdog.increment();
            if (!c.endIfLive(r, StreamState.TIMED_OUT, ErrorCategory.timedOut("forced by watchdog"))) {
                forcedByWatchdog.decrement(); // the engine ended it meanwhile
            }
        }
    }

    public TrackerCounts counts() {
        Map<StreamState, Long> t = new EnumMap<>(StreamState.class);
        for (StreamState s : StreamState.values()) {
            t.put(s, terminal[s.ordinal()].sum());
        }
        long live = 0;
        for (ConnectionStreams c : connections.values()) {
            live += c.liveCount();
        }
        return new TrackerCounts(opened.sum(), t, live, doubleTerminal.sum(), forcedByWatchdog.sum(),
                nextConnectionId.get(), connections.size());
    }

    public long requestTimeoutNanos() {
        return timeoutNanos;
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
    }
}
