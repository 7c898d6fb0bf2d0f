package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamControl;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import java.net.ConnectException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

/**
 * A simulated HTTP/2 server and the engine that talks to it, for scheduler tests. Every
 * connection runs on its own single thread (a {@link ScheduledThreadPoolExecutor}); a response
 * "arrives" after the delay the {@link Behaviour} picks. Streams go through the real
 * {@link StreamTracker}. Contract breaches by the scheduler are collected in {@link #violations}.
 */
final class FakeServer implements EngineProvider {

    /** What the server does after a stream's outcome. */
    enum After {
        NOTHING,
        /** GOAWAY: no new streams, finish the others, then close (not lost). */
        DRAIN,
        /** The connection dies at once: its other streams end in CONNECTION_LOST. */
        LOSE_CONNECTION
    }

    /** The server's answer to one stream. */
    record Reply(long delayMicros, StreamState state, String category, int status, After after) {
        static Reply ok(long delayMicros) {
            return new Reply(delayMicros, StreamState.COMPLETED, null, 200, After.NOTHING);
        }

        static Reply okMillis(long delayMillis) {
            return ok(TimeUnit.MILLISECONDS.toMicros(delayMillis));
        }

        Reply then(After a) {
            return new Reply(delayMicros, state, category, status, a);
        }
    }

    /**
     * @param connection 1 for the first connection the engine opened, 2 for the next...
     * @param ordinalOnConnection 1 for the first stream of that connection
     * @param ordinal 1 for the first stream of the run
     */
    record StreamInfo(int connection, long ordinalOnConnection, long ordinal, int attempt) {
    }

    @FunctionalInterface
    interface Behaviour {
        Reply reply(StreamInfo s);
    }

    private volatile Behaviour behaviour = s -> Reply.ok(200);
    private volatile IntToLongFunction connectDelayMillis = i -> 0;
    /** Connects after the first {@code after} fail, as an engine reports it; null for none. */
    private record ConnectFailure(int after, String category, java.util.function.Supplier<Throwable> cause) {
    }

    private volatile ConnectFailure connectFailure;
    private volatile int peerStreamLimit = Integer.MAX_VALUE;

    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicInteger connectAttempts = new AtomicInteger();
    final AtomicInteger enginesCreated = new AtomicInteger();
    final AtomicInteger enginesClosed = new AtomicInteger();
    final AtomicLong streamsStarted = new AtomicLong();
    final AtomicInteger maxOpenOnAConnection = new AtomicInteger();

    FakeServer behaviour(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    FakeServer connectDelayMillis(IntToLongFunction f) {
        this.connectDelayMillis = f;
        return this;
    }

    FakeServer refuseConnections() {
        return failConnectsAfter(0, "connect: connection refused", () -> new ConnectException("Connection refused"));
    }

    /** Every connect after the first {@code n} fails, as an engine would report it: its category and cause. */
    FakeServer failConnectsAfter(int n, String category, java.util.function.Supplier<Throwable> cause) {
        this.connectFailure = new ConnectFailure(n, category, cause);
        return this;
    }

    FakeServer peerStreamLimit(int limit) {
        this.peerStreamLimit = limit;
        return this;
    }

    private void violation(String what) {
        violations.add(what + " [" + Thread.currentThread().getName() + "]");
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.HTTP_2);
    }

    @Override
    public Engine create(EngineConfig config, StreamTracker tracker) {
        enginesCreated.incrementAndGet();
        return new FakeEngine(config, tracker);
    }

    private static ScheduledThreadPoolExecutor newLoop(String name, Thread[] holder) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            holder[0] = t;
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
    }

    final class FakeEngine implements Engine {
        private final EngineConfig config;
        private final StreamTracker tracker;
        private final List<ScheduledThreadPoolExecutor> loops = new CopyOnWriteArrayList<>();
        private final Set<FakeConnection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicLong ordinal = new AtomicLong();
        private volatile boolean closed;

        FakeEngine(EngineConfig config, StreamTracker tracker) {
            this.config = config;
            this.tracker = tracker;
        }

        @Override
        public void connect(ConnectionEvents events) {
            int index = connections.incrementAndGet();
            connectAttempts.incrementAndGet();
            Thread[] thread = new Thread[1];
            ScheduledThreadPoolExecutor loop = newLoop("fake-conn-" + index, thread);
            loops.add(loop);
            if (closed) {
                violation("connect() after engine close");
            }
            long delay = connectDelayMillis.applyAsLong(index);
            loop.schedule(() -> {
                ConnectFailure f = connectFailure;
                if (f != null && index > f.after()) {
                    events.onConnectFailed(f.category(), f.cause().get());
                    loop.shutdown();
                    return;
                }
                FakeConnection c = new FakeConnection(this, index, events, loop, thread[0]);
                c.streams = tracker.register(c);
                open.add(c);
                events.onReady(c, new HandshakeTimes(TimeUnit.MILLISECONDS.toNanos(delay) + 50_000, -1, -1));
            }, delay, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            closed = true;
            List<Future<?>> closing = new java.util.ArrayList<>();
            for (FakeConnection c : open) {
                try {
                    closing.add(c.loop.submit(() -> c.closeNow(StreamState.CANCELLED, "cancelled: engine closed", false)));
                } catch (RejectedExecutionException e) {
                    // already gone
                }
            }
            for (Future<?> f : closing) {
                try {
                    f.get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    violation("engine close: " + e);
                }
            }
            for (ScheduledThreadPoolExecutor loop : loops) {
                loop.shutdown();
            }
            for (ScheduledThreadPoolExecutor loop : loops) {
                try {
                    if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                        violation("a connection thread did not stop");
                        loop.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            enginesClosed.incrementAndGet();
        }
    }

    final class FakeConnection implements Connection, StreamControl {
        private final FakeEngine engine;
        private final int index;
        private final ConnectionEvents events;
        final ScheduledThreadPoolExecutor loop;
        private final Thread thread;
        ConnectionStreams streams;

        private volatile int openStreams;
        private volatile boolean accepting = true;
        private volatile boolean closed;
        // loop thread only:
        private long nextStreamId = 1;
        private long ordinal;
        private final Map<Long, InFlight> inFlight = new HashMap<>();

        private record InFlight(StreamRecord record, ScheduledFuture<?> response) {
        }

        FakeConnection(FakeEngine engine, int index, ConnectionEvents events, ScheduledThreadPoolExecutor loop, Thread thread) {
            this.engine = engine;
            this.index = index;
            this.events = events;
            this.loop = loop;
            this.thread = thread;
        }

        private boolean onLoop() {
            return Thread.currentThread() == thread;
        }

        @Override
        public Protocol protocol() {
            return Protocol.HTTP_2;
        }

        @Override
        public String alpn() {
            return "h2";
        }

        @Override
        public int peerStreamLimit() {
            return peerStreamLimit;
        }

        @Override
        public Executor executor() {
            return loop;
        }

        @Override
        public int openStreams() {
            return openStreams;
        }

        @Override
        public boolean acceptsStreams() {
            return accepting && !closed;
        }

        @Override
        public void start(long intendedStartNanos, int attempt) {
            if (!onLoop()) {
                violation("start() off the connection's executor");
            }
            if (!acceptsStreams()) {
                violation("start() on a connection that accepts no streams");
            }
            int limit = Math.min(peerStreamLimit, engine.config.streamsPerConnection());
            if (openStreams >= limit) {
                violation("start() with " + openStreams + " streams open, limit " + limit);
            }
            if (intendedStartNanos - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(1)) {
                violation("start() before the intended start");
            }
            streamsStarted.incrementAndGet();
            long id = nextStreamId;
            nextStreamId += 2;
            StreamRecord r = streams.open(id, intendedStartNanos, attempt);
            if (r.isEnded()) {
                return; // opened on a closed connection: the tracker ended it
            }
            r.addBytesOut(40);
            openStreams++;
            maxOpenOnAConnection.accumulateAndGet(openStreams, Math::max);
            ordinal++;
            Reply reply = behaviour.reply(new StreamInfo(index, ordinal, engine.ordinal.incrementAndGet(), attempt));
            ScheduledFuture<?> f = loop.schedule(() -> respond(id, reply), reply.delayMicros(), TimeUnit.MICROSECONDS);
            inFlight.put(id, new InFlight(r, f));
        }

        private void respond(long id, Reply reply) {
            InFlight s = inFlight.remove(id);
            if (s == null) {
                return;
            }
            openStreams--;
            if (reply.after() == After.DRAIN && accepting) {
                accepting = false;
                events.onDraining(this);
            }
            StreamRecord r = s.record();
            if (reply.state() == StreamState.COMPLETED) {
                r.onResponseHeaders(reply.status(), System.nanoTime());
                r.addBytesIn(100);
            }
            if (!r.end(reply.state(), reply.category())) {
                violation("fake ended a stream twice");
            }
            if (reply.after() == After.LOSE_CONNECTION) {
                closeNow(StreamState.CONNECTION_LOST, "connection_lost: closed by peer", true);
                return;
            }
            events.onCapacity(this);
            if (!accepting && openStreams == 0) {
                closeNow(StreamState.CONNECTION_LOST, "connection_lost: closed after GOAWAY", false);
            }
        }

        /** On the loop: the connection ends, its streams are swept. */
        void closeNow(StreamState sweepState, String category, boolean lost) {
            if (closed) {
                return;
            }
            closed = true;
            accepting = false;
            for (InFlight s : inFlight.values()) {
                s.response().cancel(false);
            }
            inFlight.clear();
            openStreams = 0;
            streams.sweep(sweepState, category);
            engine.open.remove(this);
            events.onClosed(this, lost);
        }

        @Override
        public void close(StreamState sweepState, String reason) {
            try {
                loop.execute(() -> closeNow(sweepState, reason, false));
            } catch (RejectedExecutionException e) {
                // the engine is closed; so is this connection
            }
        }

        @Override
        public void expire(StreamRecord stream) {
            try {
                loop.execute(() -> {
                    InFlight s = inFlight.get(stream.streamId());
                    if (s == null || s.record() != stream) {
                        return;
                    }
                    inFlight.remove(stream.streamId());
                    s.response().cancel(false);
                    openStreams--;
                    stream.end(StreamState.TIMED_OUT, "timed_out");
                    events.onCapacity(this);
                });
            } catch (RejectedExecutionException e) {
                // closed
            }
        }

        @Override
        public String toString() {
            return "fake connection " + index;
        }
    }
}
