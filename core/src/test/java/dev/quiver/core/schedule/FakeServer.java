package dev.quiver.core.schedule;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.core.time.Clock;
import dev.quiver.core.time.Timer;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;

/**
 * A simulated HTTP/2 server and the engine that talks to it, for scheduler tests. Every
 * connection runs on its own {@link Timer} of the test's clock: its own thread on the system
 * clock, the one simulation thread on a {@link dev.quiver.core.time.SimulatedClock}. A response
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
    record StreamInfo(int connection, long ordinalOnConnection, long ordinal, int attempt, int request) {
    }

    @FunctionalInterface
    interface Behaviour {
        Reply reply(StreamInfo s);
    }

    final Clock clock;
    volatile Behaviour behaviour = s -> Reply.ok(200);
    private volatile IntToLongFunction connectDelayMillis = i -> 0;
    /** Connects after the first {@code after} fail, as an engine reports it; null for none. */
    private record ConnectFailure(int after, String category, Supplier<Throwable> cause) {
    }

    private volatile ConnectFailure connectFailure;
    volatile int peerStreamLimit = Integer.MAX_VALUE;

    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicInteger connectAttempts = new AtomicInteger();
    final AtomicInteger enginesCreated = new AtomicInteger();
    final AtomicInteger enginesClosed = new AtomicInteger();
    final AtomicLong streamsStarted = new AtomicLong();
    final AtomicInteger maxOpenOnAConnection = new AtomicInteger();
    /** Connects asked for and not yet ready or failed, and the most of them at any one time. */
    final AtomicInteger connecting = new AtomicInteger();
    final AtomicInteger mostConnectingAtOnce = new AtomicInteger();
    /** The engine created last, or null. */
    volatile FakeEngine engine;

    /** A server on the system clock: real threads, real delays. */
    FakeServer() {
        this(Clock.system());
    }

    FakeServer(Clock clock) {
        this.clock = clock;
    }

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
    FakeServer failConnectsAfter(int n, String category, Supplier<Throwable> cause) {
        this.connectFailure = new ConnectFailure(n, category, cause);
        return this;
    }

    FakeServer peerStreamLimit(int limit) {
        this.peerStreamLimit = limit;
        return this;
    }

    void violation(String what) {
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
        FakeEngine e = new FakeEngine(config, tracker);
        engine = e;
        return e;
    }

    final class FakeEngine implements Engine {
        final EngineConfig config;
        private final StreamTracker tracker;
        private final List<Timer> loops = new CopyOnWriteArrayList<>();
        final Set<FakeConnection> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger connections = new AtomicInteger();
        final AtomicLong ordinal = new AtomicLong();
        private volatile boolean closed;

        FakeEngine(EngineConfig config, StreamTracker tracker) {
            this.config = config;
            this.tracker = tracker;
        }

        FakeServer server() {
            return FakeServer.this;
        }

        @Override
        public void connect(ConnectionEvents events) {
            int index = connections.incrementAndGet();
            connectAttempts.incrementAndGet();
            mostConnectingAtOnce.accumulateAndGet(connecting.incrementAndGet(), Math::max);
            Timer loop = clock.newTimer("fake-conn-" + index);
            loops.add(loop);
            if (closed) {
                violation("connect() after engine close");
            }
            long delay = connectDelayMillis.applyAsLong(index);
            loop.schedule(() -> {
                connecting.decrementAndGet();
                ConnectFailure f = connectFailure;
                if (f != null && index > f.after()) {
                    events.onConnectFailed(f.category(), f.cause().get());
                    loop.close();
                    return;
                }
                FakeConnection c = new FakeConnection(this, index, events, loop);
                c.streams = tracker.register(c);
                open.add(c);
                c.runAsLoop(() -> events.onReady(c, new HandshakeTimes(TimeUnit.MILLISECONDS.toNanos(delay) + 50_000, -1, -1)));
            }, TimeUnit.MILLISECONDS.toNanos(delay));
        }

        @Override
        public void close() {
            closed = true;
            List<FakeConnection> closing = List.copyOf(open);
            CountDownLatch done = new CountDownLatch(closing.size());
            for (FakeConnection c : closing) {
                c.executor().execute(() -> {
                    c.closeNow(StreamState.CANCELLED, "cancelled: engine closed", false);
                    done.countDown();
                });
            }
            try {
                if (!clock.await(done, TimeUnit.SECONDS.toNanos(5))) {
                    violation("engine close: a connection did not close within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Timer loop : loops) {
                loop.close();
            }
            enginesClosed.incrementAndGet();
        }
    }
}
