package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.schedule.FakeServer.After;
import dev.quiver.core.schedule.FakeServer.FakeEngine;
import dev.quiver.core.schedule.FakeServer.Reply;
import dev.quiver.core.schedule.FakeServer.StreamInfo;
import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamControl;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.time.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** One connection of {@link FakeServer}'s engine: its streams live on its own {@link Timer}, its "event loop". */
final class FakeConnection implements Connection, StreamControl {

    /** The connection whose loop runs the current task: one thread may run many loops (a simulated clock). */
    private static final ThreadLocal<FakeConnection> RUNNING = new ThreadLocal<>();

    private final FakeServer server;
    private final FakeEngine engine;
    private final int index;
    private final ConnectionEvents events;
    private final Timer loop;
    private final Executor executor;
    ConnectionStreams streams;

    private volatile int openStreams;
    private volatile boolean accepting = true;
    private volatile boolean closed;
    // loop only:
    private long nextStreamId = 1;
    private long ordinal;
    private final Map<Long, InFlight> inFlight = new HashMap<>();

    private record InFlight(StreamRecord record, Timer.Cancellable response) {
    }

    FakeConnection(FakeEngine engine, int index, ConnectionEvents events, Timer loop) {
        this.server = engine.server();
        this.engine = engine;
        this.index = index;
        this.events = events;
        this.loop = loop;
        this.executor = task -> loop.execute(() -> runAsLoop(task));
    }

    /** Runs {@code task} as this connection's event loop. */
    void runAsLoop(Runnable task) {
        FakeConnection before = RUNNING.get();
        RUNNING.set(this);
        try {
            task.run();
        } finally {
            RUNNING.set(before);
        }
    }

    private boolean onLoop() {
        return RUNNING.get() == this;
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
        return server.peerStreamLimit;
    }

    @Override
    public Executor executor() {
        return executor;
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
    public void start(long intendedStartNanos, int attempt, int request) {
        if (!onLoop()) {
            server.violation("start() off the connection's executor");
        }
        if (!acceptsStreams()) {
            server.violation("start() on a connection that accepts no streams");
        }
        int limit = Math.min(server.peerStreamLimit, engine.config.streamsPerConnection());
        if (openStreams >= limit) {
            server.violation("start() with " + openStreams + " streams open, limit " + limit);
        }
        if (intendedStartNanos - server.clock.nanoTime() > TimeUnit.MILLISECONDS.toNanos(1)) {
            server.violation("start() before the intended start");
        }
        server.streamsStarted.incrementAndGet();
        long id = nextStreamId;
        nextStreamId += 2;
        StreamRecord r = streams.open(id, intendedStartNanos, attempt, request);
        if (r.isEnded()) {
            return; // opened on a closed connection: the tracker ended it
        }
        r.addBytesOut(40);
        openStreams++;
        server.maxOpenOnAConnection.accumulateAndGet(openStreams, Math::max);
        ordinal++;
        Reply reply = server.behaviour.reply(new StreamInfo(index, ordinal, engine.ordinal.incrementAndGet(), attempt, request));
        Timer.Cancellable response = loop.schedule(() -> runAsLoop(() -> respond(id, reply)),
                TimeUnit.MICROSECONDS.toNanos(reply.delayMicros()));
        inFlight.put(id, new InFlight(r, response));
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
            r.onResponseHeaders(reply.status(), server.clock.nanoTime());
            r.addBytesIn(100);
        }
        if (!r.end(reply.state(), reply.category())) {
            server.violation("fake ended a stream twice");
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
            s.response().cancel();
        }
        inFlight.clear();
        openStreams = 0;
        streams.sweep(sweepState, category);
        engine.open.remove(this);
        events.onClosed(this, lost);
    }

    @Override
    public void close(StreamState sweepState, String reason) {
        executor.execute(() -> closeNow(sweepState, reason, false)); // dropped once the engine closed the loop
    }

    @Override
    public void expire(StreamRecord stream) {
        executor.execute(() -> {
            InFlight s = inFlight.get(stream.streamId());
            if (s == null || s.record() != stream) {
                return;
            }
            inFlight.remove(stream.streamId());
            s.response().cancel();
            openStreams--;
            stream.end(StreamState.TIMED_OUT, "timed_out");
            events.onCapacity(this);
        });
    }

    @Override
    public String toString() {
        return "fake connection " + index;
    }
}
