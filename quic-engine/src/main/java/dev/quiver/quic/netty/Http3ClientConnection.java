package dev.quiver.quic.netty;

import dev.quiver.core.engine.AbstractConnection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.ConnectionFacts;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.error.ErrorKind;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.http3.LocalSettings;
import dev.quiver.http3.H3Error;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/3 connection: a QUIC connection on its own UDP channel, and HTTP/3 on its raw streams
 * (quiver's own, {@link dev.quiver.http3}): each request stream writes the request's bytes,
 * encoded once per engine ({@link RequestMessages}), with its FIN, and reads the response as it
 * arrives ({@link ResponseStreamHandler}); the server's control stream says GOAWAY
 * ({@link ServerStreamHandler}). Netty's HTTP/3 codec, a pipeline of handlers and a QPACK codec
 * per stream, cost more CPU than the requests themselves.
 * This class maps the streams' events onto the stream lifecycle; the live streams are the
 * tracker's. Everything runs on the QUIC channel's event loop.
 *
 * <p>Stream credit: QUIC's MAX_STREAMS is a running total, not a concurrency limit. Netty counts
 * down the streams still allowed ({@link QuicChannel#peerAllowedStreams}) as streams are created and
 * refreshes the count when it reaches zero and the peer has raised the total. So the concurrency the
 * peer allows right now is the streams open plus the streams still allowed; starting a stream only
 * while that is above the open streams never exceeds the peer's credit.
 */
public final class Http3ClientConnection extends AbstractConnection {

    private final QuicChannel quic;
    private final Channel udp;
    private final EngineConfig config;
    /** Each request of the run's mix as its stream's bytes, the engine's. */
    private final RequestMessages messages;
    private final long connectStartNanos;
    /** Requests it carries before it retires ({@link NettyQuicEngine#STREAMS_PER_CONNECTION}), and those started. */
    private final long streamsToCarry;
    private long streamsStarted;

    private long nextLocalFailureId = -1;
    private boolean streamCreationFailed;
    private long goawayId = -1;
    private QuicConnectionCloseEvent peerClose;
    private boolean handshakeDone;
    private long quicNanos;
    private ConnectionFacts facts = ConnectionFacts.NONE;
    private final LongHeaderWatch longHeaders;

    Http3ClientConnection(QuicChannel quic, Channel udp, LongHeaderWatch longHeaders, EngineConfig config,
                          RequestMessages messages, StreamTracker tracker, ConnectionEvents events, long connectStartNanos,
                          long streamsToCarry) {
        super(Protocol.HTTP_3, "h3", tracker, events);
        this.quic = quic;
        this.longHeaders = longHeaders;
        this.udp = udp;
        this.config = config;
        this.connectStartNanos = connectStartNanos;
        this.messages = messages;
        this.streamsToCarry = streamsToCarry;
    }

    /** Before it was ready, a {@code quic: ...} loss is the reason; otherwise the peer's close or the handshake says it. */
    @Override
    protected String setupFailure(String firstLoss) {
        return ErrorKind.of(firstLoss) == ErrorKind.QUIC ? firstLoss : QuicConnectFailures.category(null, peerClose);
    }

    // ---- Connection ---------------------------------------------------------------------------

    @Override
    public int peerStreamLimit() {
        long allowed = quic.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL);
        return (int) Math.min(Integer.MAX_VALUE, openStreams() + Math.max(0, allowed));
    }

    @Override
    public Executor executor() {
        return quic.eventLoop();
    }

    /** Open, and not given up because quiche would not create a stream. */
    @Override
    protected boolean transportOpen() {
        return quic.isActive() && !streamCreationFailed;
    }

    /** What this QUIC connection settled on ({@link NettyConnectionFacts}), known once it is ready. */
    @Override
    public ConnectionFacts facts() {
        return facts;
    }

    @Override
    public void start(long intendedStartNanos, int attempt, int request) {
        if (++streamsStarted == streamsToCarry) {
            lifecycle.retire(); // this one still starts; the replacement connects beside it
        }
        ResponseStreamHandler handler = new ResponseStreamHandler(this);
        Future<QuicStreamChannel> created = quic.createStream(QuicStreamType.BIDIRECTIONAL, handler);
        // On the event loop, creation completes before this returns.
        if (created.isDone()) {
            streamCreated(created, handler, intendedStartNanos, attempt, request);
        } else {
            created.addListener(f -> streamCreated(created, handler, intendedStartNanos, attempt, request));
        }
    }

    private void streamCreated(Future<QuicStreamChannel> created, ResponseStreamHandler handler, long intendedStartNanos,
                               int attempt, int request) {
        if (created.isSuccess()) {
            sendRequest(created.getNow(), handler, intendedStartNanos, attempt, request);
        } else {
            streamNotCreated(created.cause(), intendedStartNanos, attempt, request);
        }
    }

    /**
     * quiche would not create the stream, although the connection looked fine. The request never
     * reached the wire, so it is refused (and retried once); the connection is given up, since
     * every further start would fail alike (and refill the connection at once, again and again).
     */
    private void streamNotCreated(Throwable cause, long intendedStartNanos, int attempt, int request) {
        StreamRecord r = streams.open(nextLocalFailureId--, intendedStartNanos, attempt, request);
        if (!r.isEnded()) {
            r.end(StreamState.REFUSED, ErrorCategory.refused("stream not created (" + cause.getClass().getSimpleName() + ")"));
        }
        if (!streamCreationFailed) {
            streamCreationFailed = true;
            noteLoss(ErrorCategory.connectionLost("stream not created (" + cause.getClass().getSimpleName() + ")"));
            reportTransport();
            quic.close();
        }
    }

    private void sendRequest(QuicStreamChannel stream, ResponseStreamHandler handler, long intendedStartNanos, int attempt,
                             int request) {
        StreamRecord r = streams.open(stream.streamId(), intendedStartNanos, attempt, request);
        if (r.isEnded()) {
            stream.close();
            return;
        }
        r.attach(stream);
        handler.attach(r);
        if (messages.bodyLength(request) > 0) {
            r.addBytesOut(messages.bodyLength(request));
        }
        // The whole request and its FIN in one write: quiche gets them in one call and sends at once.
        stream.writeAndFlush(new DefaultQuicStreamFrame(messages.forStream(request), true)).addListener(f -> {
            if (!f.isSuccess()) {
                failIfLive(r, StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("request write failed"));
            }
        });
    }

    @Override
    public void close(StreamState sweepState, String reason) {
        if (!quic.eventLoop().inEventLoop()) {
            quic.eventLoop().execute(() -> close(sweepState, reason));
            return;
        }
        lifecycle.close(sweepState, reason);
        // quiver is done with the connection: its streams end now. The channel itself goes inactive
        // only after quiche's closing period (three PTOs, up to seconds), which can outlast the run's
        // end and the engine's event loops; finish() sweeps again then, which finds nothing left.
        lifecycle.sweepClosed();
        closeQuietly();
    }

    /** Closes with H3_NO_ERROR: quiver is done with the connection (drained, or the run ended). */
    private void closeQuietly() {
        reportTransport();
        quic.close(true, (int) H3Failures.H3_NO_ERROR, Unpooled.EMPTY_BUFFER);
    }

    /**
     * Reads quiche's figures for this connection once, before it closes (the path's RTT and
     * congestion window are gone after), and hands them to the lifecycle. On the event loop.
     */
    private void reportTransport() {
        if (lifecycle.isReady() && !lifecycle.transportReported()) {
            lifecycle.transport(QuicheStats.read(quic));
        }
    }

    // ---- StreamControl ------------------------------------------------------------------------

    @Override
    public void expire(StreamRecord stream) {
        quic.eventLoop().execute(() -> {
            if (stream.isEnded() || streams.get(stream.streamId()) != stream) {
                return;
            }
            QuicStreamChannel channel = stream.handle();
            endStream(stream, StreamState.TIMED_OUT, ErrorCategory.timedOut());
            if (channel != null) {
                // RESET_STREAM and STOP_SENDING: the server may stop working on it.
                channel.shutdown((int) H3Failures.H3_REQUEST_CANCELLED)
                        .addListener(f -> channel.close());
            }
        });
    }

    // ---- from the handlers (event loop) -------------------------------------------------------

    /** Ends a stream once and tells the scheduler there is room. */
    void endStream(StreamRecord r, StreamState state, String category) {
        if (r.end(state, category)) {
            afterStreamEnd();
        }
    }

    /** Ends a stream unless it ended already (a late event after a timeout, a sweep, a GOAWAY). */
    void failIfLive(StreamRecord r, StreamState state, String category) {
        if (!r.isEnded() && streams.get(r.streamId()) == r) {
            endStream(r, state, category);
        }
    }

    private void afterStreamEnd() {
        if (lifecycle.isEnded()) {
            return;
        }
        if (lifecycle.isDraining() && streams.liveCount() == 0) {
            closeQuietly(); // a drained connection has nothing more to give
        } else {
            events.onCapacity(this);
        }
    }

    /** Whether the connection is going down, so that a stream's own close is left to the sweep. */
    boolean closing() {
        return lifecycle.isEnded() || lifecycle.isClosing() || !quic.isActive();
    }

    /**
     * The QUIC handshake completed. The connection is ready once the peer's stream credit is known
     * too: Netty reads it from quiche only after the handshake, when the next packet is processed,
     * and before that it says 0.
     */
    void onHandshakeComplete() {
        if (lifecycle.isEnded() || handshakeDone) {
            return;
        }
        handshakeDone = true;
        quicNanos = System.nanoTime() - connectStartNanos;
        openControlStream();
        facts = NettyConnectionFacts.of(quic, longHeaders);
        if (quic.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) > 0) {
            signalReady();
        } else {
            long timeout = config.connectTimeout().toMillis();
            quic.eventLoop().schedule(() -> {
                if (!lifecycle.isReady() && !lifecycle.isEnded()) {
                    lifecycle.noteLoss(ErrorCategory.quic("handshake done but no stream credit from the server"));
                    closeQuietly();
                }
            }, timeout, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * This client's control stream with its SETTINGS ({@link LocalSettings}): no dynamic table, so
     * the server's QPACK streams carry nothing this client needs and it opens no QPACK streams
     * itself (RFC 9204, 4.2). The stream stays open for the connection's life.
     */
    private void openControlStream() {
        quic.createStream(QuicStreamType.UNIDIRECTIONAL, null).addListener(f -> {
            if (!f.isSuccess()) {
                if (!closing()) {
                    onConnectionError(H3Error.H3_STREAM_CREATION_ERROR, "cannot open the control stream");
                }
                return;
            }
            QuicStreamChannel control = (QuicStreamChannel) f.getNow();
            control.writeAndFlush(Unpooled.wrappedBuffer(LocalSettings.controlStream()));
        });
    }

    private void signalReady() {
        lifecycle.ready(new HandshakeTimes(-1, -1, quicNanos));
    }

    /** The peer's GOAWAY: no new streams; streams at or above its id were never processed. */
    void onGoaway(long id) {
        if (lifecycle.isEnded()) {
            return;
        }
        goawayId = goawayId < 0 ? id : Math.min(goawayId, id);
        lifecycle.drain();
        for (StreamRecord r : streams.liveStreams()) {
            if (r.streamId() >= goawayId) {
                QuicStreamChannel channel = r.handle();
                endStream(r, StreamState.REFUSED, ErrorCategory.refusedBeyondGoaway());
                if (channel != null) {
                    channel.close();
                }
            }
        }
        if (streams.liveCount() == 0) {
            closeQuietly();
        }
    }

    /**
     * The peer's CONNECTION_CLOSE: over at once. quiche keeps the channel open for its draining period
     * (three PTOs, up to seconds), but no stream will be answered, so they end now and a replacement opens now.
     */
    void onPeerClose(QuicConnectionCloseEvent event) {
        if (peerClose == null) {
            peerClose = event;
        }
        String category = ErrorCategory.connectionLost(Http3ErrorNames.connectionClose(event));
        if (event.isApplicationClose() && event.error() == H3Failures.H3_NO_ERROR) {
            lifecycle.noteLoss(category); // the end a GOAWAY announced
        } else {
            lifecycle.peerError(category);
        }
        if (lifecycle.isReady()) {
            finish();
        }
    }

    /**
     * The server broke HTTP/3 in a way RFC 9114 makes a connection error (e.g. a GOAWAY id that
     * rises): the connection closes with {@code code}. No stream of it will be answered: they end
     * now as PROTOCOL_ERROR, and the scheduler need not wait for quiche's closing period.
     */
    void onConnectionError(long code, String reason) {
        if (lifecycle.isEnded()) {
            return;
        }
        String category = ErrorCategory.connectionError(Http3ErrorNames.h3(code));
        lifecycle.noteLoss(category);
        lifecycle.protocolError(category);
        reportTransport();
        quic.close(true, (int) code, Unpooled.copiedBuffer(reason, StandardCharsets.US_ASCII));
        if (lifecycle.isReady()) {
            finish();
        }
    }

    void noteLoss(String category) {
        lifecycle.noteLoss(category);
    }

    /** The QUIC connect failed: nothing was opened; the scheduler hears it as a failed connect. */
    void onConnectFailed(Throwable cause) {
        if (lifecycle.connectFailed(QuicConnectFailures.category(cause, peerClose), cause)) {
            udp.close();
        }
    }

    /** The QUIC channel is gone. */
    void onClosed() {
        // After the close promise: Netty completes it once the CONNECTION_CLOSE packet was written.
        quic.closeFuture().addListener(f -> udp.eventLoop().execute(udp::close));
        finish();
    }

    /** The connection is over: sweep what is live, then tell the scheduler. Runs once. */
    private void finish() {
        if (!lifecycle.isEnded() && lifecycle.lossCategory() == null && quic.isTimedOut()) {
            lifecycle.noteLoss(ErrorCategory.connectionLost("idle timeout"));
        }
        reportTransport(); // the peer's close or the network's: what quiche still has
        lifecycle.end(ErrorCategory.connectionLost("closed"));
    }

    /** Netty re-read the peer's stream credit (first after the handshake, then when it ran out and MAX_STREAMS came). */
    void onStreamLimitChanged() {
        if (lifecycle.isEnded()) {
            return;
        }
        if (lifecycle.isReady()) {
            events.onCapacity(this);
        } else if (handshakeDone && quic.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) > 0) {
            signalReady();
        }
    }

    @Override
    public String toString() {
        return super.toString() + " " + quic;
    }
}
