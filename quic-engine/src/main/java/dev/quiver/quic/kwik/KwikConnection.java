package dev.quiver.quic.kwik;

import dev.quiver.core.engine.AbstractConnection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.ConnectionFacts;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.http3.RejectedRequest;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.Statistics;

/**
 * One HTTP/3 connection on Kwik, with this engine's own HTTP/3 client side ({@code h3}). Its state
 * lives on one {@link SerialExecutor}; each request writes and reads its QUIC stream on its own
 * virtual thread ({@link Exchange}) and posts its outcome back here, where the stream ends in the
 * tracker.
 *
 * <p>Stream ids: the tracker key is a per-connection sequence (0, 4, 8, ... like client
 * bidirectional stream ids), not the QUIC stream id, because Kwik picks the QUIC stream on the
 * request's thread and the tracker entry must exist before the first byte is written.
 *
 * <p>Credit: quiver never has more requests in flight than the peer's MAX_STREAMS credit as seen
 * by {@link PeerStreamCredit}, so that Kwik's {@code createStream} does not block for credit.
 *
 * <p>GOAWAY: read on the server's control stream ({@link dev.quiver.quic.kwik.h3.PeerStreams}). The connection
 * then drains: requests on streams at or above the GOAWAY id (or not yet on a stream) are REFUSED
 * and retried elsewhere, the others finish, and the connection is closed once none is left.
 *
 * <p>RESET_STREAM: Kwik hides its error code from the reader; {@link KwikLogTap} sees the frame and
 * notes the code on the request's {@link Exchange}, found by QUIC stream id. H3_REQUEST_REJECTED
 * makes the stream REFUSED (retried once; see {@link RejectedRequest}), any other code RESET_BY_PEER.
 */
final class KwikConnection extends AbstractConnection {

    /**
     * Where a request's blocking send runs. Virtual threads from Java 24 on; before that Kwik's
     * reads ({@code Object.wait} inside {@code synchronized}) pin a virtual thread's carrier, and
     * a few hundred waiting requests would starve the carrier pool, so platform threads are used.
     */
    private static final ThreadFactory REQUEST_THREADS = Runtime.version().feature() >= 24
            ? Thread.ofVirtual().name("quiver-kwik-request").factory()
            : Thread.ofPlatform().daemon().name("quiver-kwik-request").factory();

    private final QuicClientConnection quic;
    /** The run's requests, encoded once by the engine, by index. */
    private final byte[][] messages;
    private final long[] bodyLengths;
    private final PeerStreamCredit credit;
    private final HandshakeTimes handshake;
    private final KwikEngine engine;
    private final SerialExecutor executor;
    private final KwikLogTap tap;

    // Confined to the executor. A request's Exchange is the handle on its record in the tracker:
    // the tracker's map is the only per-stream map, and a request leaves it in the step that ends its stream.
    private long nextStreamKey;
    /** Kwik's immediate ACK, or null where it cannot be reached. */
    private final AckNow ackNow;
    /** Bidirectional streams this connection has asked Kwik for: what MAX_STREAMS counts against. */
    private long streamsStarted;

    KwikConnection(KwikEngine engine, QuicClientConnection quic, byte[][] messages,
                   long[] bodyLengths, StreamTracker tracker, ConnectionEvents events, PeerStreamCredit credit,
                   KwikLogTap tap, HandshakeTimes handshake) {
        super(Protocol.HTTP_3, "h3", tracker, events);
        this.engine = engine;
        this.quic = quic;
        this.messages = messages;
        this.bodyLengths = bodyLengths;
        this.credit = credit;
        this.handshake = handshake;
        this.executor = new SerialExecutor("quiver-kwik-" + streams.id());
        this.tap = tap;
        this.ackNow = AckNow.of(quic);
        credit.onRaise(v -> executor.execute(this::creditRaised));
        tap.onStreamReset(this::peerReset);
    }

    /** Tells the scheduler the connection can take streams (on the executor). */
    void signalReady() {
        executor.execute(() -> lifecycle.ready(handshake));
    }

    /** The QUIC version the handshake settled on: {@code v1} or {@code v2}. */
    public String quicVersion() {
        QuicConnection.QuicVersion v = quic.getQuicVersion();
        return v == QuicConnection.QuicVersion.V2 ? "v2" : "v1";
    }

    /** Retry is not observed by this engine yet (Kwik reports it only to its logger). */
    @Override
    public ConnectionFacts facts() {
        return new ConnectionFacts(quicVersion(), resumed(), Boolean.FALSE, null);
    }

    /**
     * Whether this connection resumed a TLS session. Always false: this engine does not keep
     * session tickets between connections, so every handshake is a full one and no 0-RTT is sent.
     */
    public boolean resumed() {
        return false;
    }

    @Override
    public int peerStreamLimit() {
        long max = credit.maxBidirectional();
        if (max == PeerStreamCredit.UNKNOWN) {
            return Integer.MAX_VALUE;
        }
        // Credit is cumulative: what may be open at once is what is open plus what is still unused.
        long limit = streams.liveCount() + Math.max(0, max - streamsStarted);
        return (int) Math.min(Integer.MAX_VALUE, limit);
    }

    /** Whether every stream the server allowed so far has been started. */
    private boolean outOfCredit() {
        long max = credit.maxBidirectional();
        return max != PeerStreamCredit.UNKNOWN && streamsStarted >= max;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** Kwik's connection ends through {@link #terminated}, which ends the lifecycle too. */
    @Override
    protected boolean transportOpen() {
        return true;
    }

    @Override
    protected String setupFailure(String firstLoss) {
        return firstLoss != null ? firstLoss : ErrorCategory.connect("closed during set-up");
    }

    @Override
    public void start(long intendedStartNanos, int attempt, int request) {
        long key = nextStreamKey;
        nextStreamKey += 4;
        StreamRecord r = streams.open(key, intendedStartNanos, attempt, request);
        if (r.isEnded()) {
            return; // the connection ended meanwhile; the tracker already counted it lost
        }
        streamsStarted++;
        r.addBytesOut(bodyLengths[request]);
        Exchange x = new Exchange(r, quic, messages[request], this);
        r.attach(x);
        REQUEST_THREADS.newThread(x).start();
    }

    /**
     * The peer reset a stream (on Kwik's receiver thread, before the request's reader hears of it).
     * Found by a scan of the live streams: resets are rare and the live streams at most the peer's credit.
     */
    private void peerReset(int quicStreamId, long errorCode) {
        for (StreamRecord r : streams.liveStreams()) {
            Exchange x = r.handle();
            if (x != null && x.quicStreamId == quicStreamId) {
                x.peerResetCode = errorCode;
                return;
            }
        }
    }

    /** Whether the request is still live here (not ended: timed out, refused on GOAWAY, swept with the connection). */
    private boolean live(Exchange x) {
        return streams.get(x.record.streamId()) == x.record;
    }

    /** A request's thread finished (on the executor). */
    void exchangeDone(Exchange x) {
        if (!live(x)) {
            return; // ended already: timed out, refused on GOAWAY, or swept with the connection
        }
        long resetCode = x.peerResetCode;
        if (x.failure == null) {
            x.record.onResponseHeaders(x.status, x.firstByteNanos > 0 ? x.firstByteNanos : System.nanoTime());
            x.record.addBytesIn(x.bytesIn);
            x.record.end(StreamState.COMPLETED, null);
        } else if (resetCode >= 0) {
            if (resetCode == KwikFailures.H3_REQUEST_REJECTED) {
                refuseAfterGoawayRead(x, resetCode);
                return;
            } else {
                x.record.end(StreamState.RESET_BY_PEER, ErrorCategory.resetByPeer("RESET_STREAM", KwikFailures.h3ErrorName(resetCode)));
            }
        } else if (x.failure instanceof java.io.EOFException) {
            // A body cut short: either the connection is closing under it (Kwik says so a moment
            // later, on another thread) or the server ended the stream too soon. Wait that moment:
            // a connection that ended meanwhile has swept the stream with its own reason.
            engine.later(() -> executor.execute(() -> {
                if (!live(x)) {
                    return;
                }
                x.record.end(StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError("response ended early"));
                afterStreamEnd();
            }));
        } else {
            KwikFailures.Outcome o = KwikFailures.request(x.failure);
            if (o == null) {
                // The connection is gone under it. Kwik tells why a moment later on another thread;
                // the stream stays live until then, and ends in the connection's sweep with that reason.
                engine.later(() -> executor.execute(() -> {
                    lifecycle.peerError(ErrorCategory.connectionLost("connection closed"));
                    end();
                }));
                return;
            }
            x.record.end(o.state(), o.category());
            // The response was given up on (a protocol error) with its stream perhaps still open:
            // STOP_SENDING, so that the server stops sending and the stream (and its credit) is freed.
            x.abort();
        }
        afterStreamEnd();
    }

    /** REFUSED, to be retried, once a GOAWAY that came with the reset can have been read ({@link RejectedRequest}). */
    private void refuseAfterGoawayRead(Exchange x, long resetCode) {
        engine.afterGoawayRead(() -> executor.execute(() -> {
            if (!live(x)) {
                return;
            }
            x.record.end(StreamState.REFUSED, ErrorCategory.refused("RESET_STREAM", KwikFailures.h3ErrorName(resetCode)));
            afterStreamEnd();
        }));
    }

    private void afterStreamEnd() {
        if (ackNow != null && outOfCredit()) {
            ackNow.send(); // the server returns credit only for acknowledged responses
        }
        if (lifecycle.isDraining() && streams.liveCount() == 0) {
            drained();
        } else {
            events.onCapacity(this);
        }
    }

    /** The server's GOAWAY (on its control stream's thread). */
    void goawayReceived(long id) {
        executor.execute(() -> goaway(id));
    }

    /**
     * The server's GOAWAY (on the executor): no new request here; those on streams at or above
     * {@code id}, or not yet on a stream, will never be processed and are refused, to be retried.
     */
    private void goaway(long id) {
        if (lifecycle.isEnded()) {
            return;
        }
        lifecycle.drain();
        for (StreamRecord r : streams.liveStreams()) {
            Exchange x = r.handle();
            int quicId = x == null ? -1 : x.quicStreamId;
            if (quicId < 0 || quicId >= id) {
                r.end(StreamState.REFUSED, ErrorCategory.refusedBeyondGoaway());
                if (x != null) {
                    x.abort();
                }
            }
        }
        if (streams.liveCount() == 0) {
            drained();
        }
    }

    private void creditRaised() {
        if (!lifecycle.isEnded() && lifecycle.isReady()) {
            events.onCapacity(this);
        }
    }

    @Override
    public void expire(StreamRecord stream) {
        executor.execute(() -> {
            Exchange x = stream.handle();
            if (x == null || streams.get(stream.streamId()) != stream || stream.isEnded()) {
                return;
            }
            stream.end(StreamState.TIMED_OUT, ErrorCategory.timedOut());
            x.abort();
            afterStreamEnd();
        });
    }

    /** Kwik's connection listener: the QUIC connection is over (any thread). */
    void terminated(ConnectionTerminatedEvent e) {
        String category = KwikFailures.connectionEnd(e);
        boolean graceful = KwikFailures.isGracefulClose(e);
        executor.execute(() -> {
            // A server closing with H3_NO_ERROR after its GOAWAY ends the connection as planned.
            if (graceful) {
                lifecycle.noteLoss(category);
            } else {
                lifecycle.peerError(category);
            }
            end();
        });
    }

    @Override
    public void close(StreamState sweepState, String reason) {
        executor.execute(() -> {
            lifecycle.close(sweepState, reason);
            end();
        });
    }

    /** Drained: nothing is live, and the connection closes as planned. */
    private void drained() {
        lifecycle.close(StreamState.CANCELLED, ErrorCategory.cancelled("connection drained"));
        end();
    }

    /**
     * The end of the connection, once: the streams still live are swept, the requests still
     * running are aborted, and the QUIC connection is closed.
     */
    private void end() {
        List<StreamRecord> running = streams.liveStreams();
        if (!lifecycle.isEnded()) {
            lifecycle.transport(transportSample());
        }
        if (lifecycle.end(ErrorCategory.connectionLost("connection closed"))) {
            for (StreamRecord r : running) {
                Exchange x = r.handle();
                if (x != null) {
                    x.abort();
                }
            }
            engine.closeQuietly(quic);
        }
    }

    /**
     * Kwik's figures for this connection: packets sent and lost, smoothed RTT (Kwik keeps it in whole
     * milliseconds) and the congestion window it last reported. Kwik does not count retransmissions
     * (it resends frames in new packets): those stay unknown.
     */
    private TransportSample transportSample() {
        Statistics s;
        try {
            s = quic.getStats();
        } catch (RuntimeException e) {
            return null; // no figures rather than wrong ones
        }
        return new TransportSample(TransportSample.Kind.QUIC, s.packetsSent(), s.lostPackets(), TransportSample.UNKNOWN,
                TransportSample.UNKNOWN, TimeUnit.MILLISECONDS.toMicros(s.smoothedRtt()), tap.congestionWindowBytes());
    }

    @Override
    public String toString() {
        return super.toString() + " (kwik)";
    }
}
