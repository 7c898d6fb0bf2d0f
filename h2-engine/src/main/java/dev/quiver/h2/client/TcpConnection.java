package dev.quiver.h2.client;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.ConnectionLifecycle;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamControl;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import io.netty.channel.Channel;
import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * What the HTTP/1.1 and HTTP/2 connections share: the channel, its stream map in the tracker,
 * and the end of the connection, where every stream still live is swept.
 */
public abstract class TcpConnection implements Connection, StreamControl {

    protected final Channel channel;
    protected final EngineConfig config;
    protected final ConnectionEvents events;
    protected final ConnectionStreams streams;
    private final String alpn;
    private final HandshakeTimes handshake;

    /** Ready, draining, closed once: the state every engine's connection shares. */
    protected final ConnectionLifecycle lifecycle;

    protected TcpConnection(Channel channel, EngineConfig config, StreamTracker tracker, ConnectionEvents events,
                            String alpn, HandshakeTimes handshake) {
        this.channel = channel;
        this.config = config;
        this.events = events;
        this.alpn = alpn;
        this.handshake = handshake;
        this.streams = tracker.register(this);
        this.lifecycle = new ConnectionLifecycle(this, streams, events, "connect: closed by peer during set-up");
    }

    @Override
    public abstract Protocol protocol();

    @Override
    public String alpn() {
        return alpn;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public boolean acceptsStreams() {
        return lifecycle.acceptsStreams() && channel.isActive();
    }

    /** Tells the scheduler the connection can take streams. */
    protected void signalReady() {
        lifecycle.ready(handshake);
    }

    @Override
    public void close(StreamState sweepState, String reason) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> close(sweepState, reason));
            return;
        }
        lifecycle.close(sweepState, reason);
        channel.close();
    }

    /** Remembers why the connection broke, for the streams it takes down. First cause wins. */
    protected void noteLoss(Throwable cause) {
        if (lifecycle.lossCategory() == null) {
            lifecycle.noteLoss(lossCategoryOf(cause));
        }
    }

    protected void noteLoss(String category) {
        lifecycle.noteLoss(category);
    }

    /**
     * quiver found the peer breaking the protocol and is closing the connection for it (the codec
     * sends GOAWAY with the error and closes): its streams end as PROTOCOL_ERROR, not as a loss.
     */
    protected void noteProtocolError(String category) {
        lifecycle.protocolError(category);
    }

    /** The peer ended the connection with an error (GOAWAY with an error code): a loss, not a drain. */
    protected void notePeerError(String category) {
        lifecycle.peerError(category);
    }

    static String lossCategoryOf(Throwable cause) {
        if (cause instanceof IOException && cause.getMessage() != null) {
            String m = cause.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (m.contains("reset")) {
                return "connection_lost: reset by peer";
            }
            if (m.contains("broken pipe")) {
                return "connection_lost: broken pipe";
            }
        }
        return "connection_lost: " + cause.getClass().getSimpleName();
    }

    /** The channel is gone: sweep the streams still live, then tell the scheduler. Runs once. */
    protected void onChannelClosed() {
        lifecycle.end("connection_lost: closed by peer");
    }

    @Override
    public String toString() {
        return protocol().displayName() + " connection " + streams.id() + " " + channel;
    }
}
