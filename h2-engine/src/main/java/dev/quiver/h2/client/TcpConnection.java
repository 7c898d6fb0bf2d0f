package dev.quiver.h2.client;

import dev.quiver.core.engine.AbstractConnection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import io.netty.channel.Channel;
import java.util.concurrent.Executor;

/**
 * What the HTTP/1.1 and HTTP/2 connections share: the channel, its TCP_INFO read as it closes
 * ({@link TcpInfoAtClose}), and its end, where the lifecycle sweeps every stream still live.
 */
public abstract class TcpConnection extends AbstractConnection {

    protected final Channel channel;
    protected final EngineConfig config;
    private final HandshakeTimes handshake;

    protected TcpConnection(Protocol protocol, Channel channel, EngineConfig config, StreamTracker tracker,
                            ConnectionEvents events, String alpn, HandshakeTimes handshake) {
        super(protocol, alpn, tracker, events);
        this.channel = channel;
        this.config = config;
        this.handshake = handshake;
        // First in the pipeline, so that every close passes it while the socket is still open.
        channel.pipeline().addFirst(TcpInfoAtClose.NAME, new TcpInfoAtClose(lifecycle::transport));
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    protected boolean transportOpen() {
        return channel.isActive();
    }

    @Override
    protected String setupFailure(String firstLoss) {
        return firstLoss != null ? firstLoss : ErrorCategory.connect("closed by peer during set-up");
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
        closeChannel();
    }

    /** Closes the channel at quiver's own request; a protocol with a goodbye frame sends it first. */
    protected void closeChannel() {
        channel.close();
    }

    /** Remembers why the connection broke, for the streams it takes down. First cause wins. */
    protected void noteLoss(Throwable cause) {
        if (lifecycle.lossCategory() == null) {
            lifecycle.noteLoss(ErrorCategory.connectionLost(cause));
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

    /** The channel is gone: sweep the streams still live, then tell the scheduler. Runs once. */
    protected void onChannelClosed() {
        lifecycle.end(ErrorCategory.connectionLost("closed by peer"));
    }

    @Override
    public String toString() {
        return super.toString() + " " + channel;
    }
}
