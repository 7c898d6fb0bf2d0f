package dev.quiver.core.engine;

import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamControl;
import dev.quiver.core.stream.StreamTracker;

/**
 * What every engine's connection is besides its protocol: its streams in the tracker (the only
 * per-stream map: an engine keeps its handle on a stream with {@link dev.quiver.core.stream.StreamRecord#attach})
 * and its {@link ConnectionLifecycle}. A subclass implements the protocol's events and the
 * transport: {@link #executor()}, {@link #start}, {@link #close}, {@link #expire}, and whether the
 * transport is still open.
 */
public abstract class AbstractConnection implements Connection, StreamControl {

    private final Protocol protocol;
    private final String alpn;
    protected final ConnectionEvents events;
    protected final ConnectionStreams streams;
    /** Ready, draining, closed once; confined to {@link #executor()}. */
    protected final ConnectionLifecycle lifecycle;

    protected AbstractConnection(Protocol protocol, String alpn, StreamTracker tracker, ConnectionEvents events) {
        this.protocol = protocol;
        this.alpn = alpn;
        this.events = events;
        this.streams = tracker.register(this);
        this.lifecycle = new ConnectionLifecycle(this, streams, events, this::setupFailure);
    }

    /**
     * The connect failure's category when the connection ends before it was ready.
     *
     * @param firstLoss the first loss noted, or null
     */
    protected abstract String setupFailure(String firstLoss);

    @Override
    public final Protocol protocol() {
        return protocol;
    }

    @Override
    public final String alpn() {
        return alpn;
    }

    /** The streams live in the tracker (a protocol codec that counts its own may say so instead). */
    @Override
    public int openStreams() {
        return streams.liveCount();
    }

    @Override
    public boolean acceptsStreams() {
        return lifecycle.acceptsStreams() && transportOpen();
    }

    /** Whether the channel or QUIC connection under this connection is still open. */
    protected abstract boolean transportOpen();

    @Override
    public String toString() {
        return protocol.displayName() + " connection " + streams.id() + " (" + lifecycle + ")";
    }
}
