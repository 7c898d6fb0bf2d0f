package dev.quiver.quic.kwik;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.ConnectionFacts;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamControl;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;

/**
 * One HTTP/3 connection on Kwik + Flupke. Its state lives on one {@link SerialExecutor}; each
 * request runs Flupke's blocking {@code send} on its own virtual thread ({@link Exchange}) and
 * posts its outcome back here, where the stream ends in the tracker.
 *
 * <p>Stream ids: the tracker key is a per-connection sequence (0, 4, 8, ... like client
 * bidirectional stream ids), not the QUIC stream id, because Flupke picks the QUIC stream inside
 * {@code send} and the tracker entry must exist before the first byte is written.
 *
 * <p>Credit: quiver never has more requests in flight than the peer's MAX_STREAMS credit as seen
 * by {@link PeerStreamCredit}, so that Kwik's {@code createStream} does not block for credit.
 *
 * <p>GOAWAY: Flupke 0.9.4 does not read it; {@link GoawayReadingConnection} does. The connection
 * then drains: requests on streams at or above the GOAWAY id (or not yet on a stream) are REFUSED
 * and retried elsewhere, the others finish, and the connection is closed once none is left.
 *
 * <p>RESET_STREAM: Kwik hides its error code from the reader; {@link KwikLogTap} sees the frame and
 * notes the code on the request's {@link Exchange}, found by QUIC stream id. H3_REQUEST_REJECTED
 * makes the stream REFUSED (retried once), any other code RESET_BY_PEER.
 */
final class KwikConnection implements Connection, StreamControl {

    /**
     * Where a request's blocking send runs. Virtual threads from Java 24 on; before that Kwik's
     * reads ({@code Object.wait} inside {@code synchronized}) pin a virtual thread's carrier, and
     * a few hundred waiting requests would starve the carrier pool, so platform threads are used.
     */
    private static final ThreadFactory REQUEST_THREADS = Runtime.version().feature() >= 24
            ? Thread.ofVirtual().name("quiver-kwik-request").factory()
            : Thread.ofPlatform().daemon().name("quiver-kwik-request").factory();

    private final QuicClientConnection quic;
    private final GoawayReadingConnection http3;
    private final HttpRequest request;
    private final long bytesOutPerRequest;
    private final ConnectionEvents events;
    private final PeerStreamCredit credit;
    private final HandshakeTimes handshake;
    private final KwikEngine engine;
    private final ConnectionStreams streams;
    private final SerialExecutor executor;

    // Confined to the executor.
    /** Requests whose stream is live in the tracker; an entry leaves in the step that ends its stream. */
    private final Map<Long, Exchange> inFlight = new HashMap<>();
    /**
     * The same requests by QUIC stream id, once Flupke created their stream; written on request
     * threads and read on Kwik's receiver thread, so concurrent. An entry leaves with its request.
     */
    private final Map<Integer, Exchange> byQuicStream = new ConcurrentHashMap<>();
    private long nextStreamKey;
    /** Bidirectional streams this connection has asked Kwik for: what MAX_STREAMS counts against. */
    private long streamsStarted;
    private boolean ended;
    private boolean readySignalled;
    private boolean closing;
    private boolean draining;
    private String lossCategory;

    KwikConnection(KwikEngine engine, QuicClientConnection quic, GoawayReadingConnection http3, HttpRequest request,
                   long bytesOutPerRequest, StreamTracker tracker, ConnectionEvents events, PeerStreamCredit credit,
                   KwikLogTap tap, HandshakeTimes handshake) {
        this.engine = engine;
        this.quic = quic;
        this.http3 = http3;
        this.request = request;
        this.bytesOutPerRequest = bytesOutPerRequest;
        this.events = events;
        this.credit = credit;
        this.handshake = handshake;
        this.streams = tracker.register(this);
        this.executor = new SerialExecutor("quiver-kwik-" + streams.id());
        credit.onRaise(v -> executor.execute(this::creditRaised));
        tap.onStreamReset(this::peerReset);
        http3.onGoaway(id -> executor.execute(() -> goaway(id)));
    }

    /** Tells the scheduler the connection can take streams (on the executor). */
    void signalReady() {
        executor.execute(() -> {
            if (ended) {
                return;
            }
            readySignalled = true;
            events.onReady(this, handshake);
        });
    }

    @Override
    public Protocol protocol() {
        return Protocol.HTTP_3;
    }

    @Override
    public String alpn() {
        return "h3";
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
        long limit = inFlight.size() + Math.max(0, max - streamsStarted);
        return (int) Math.min(Integer.MAX_VALUE, limit);
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public int openStreams() {
        return inFlight.size();
    }

    @Override
    public boolean acceptsStreams() {
        return readySignalled && !ended && !closing && !draining;
    }

    @Override
    public void start(long intendedStartNanos, int attempt) {
        long key = nextStreamKey;
        nextStreamKey += 4;
        StreamRecord r = streams.open(key, intendedStartNanos, attempt);
        if (r.isEnded()) {
            return; // the connection ended meanwhile; the tracker already counted it lost
        }
        streamsStarted++;
        r.addBytesOut(bytesOutPerRequest);
        Exchange x = new Exchange(r, http3, request, this);
        inFlight.put(key, x);
        REQUEST_THREADS.newThread(x).start();
    }

    /** Flupke created the request's QUIC stream (on the request's thread). */
    void streamCreated(Exchange x) {
        byQuicStream.put(x.quicStreamId, x);
        if (x.retired) {
            byQuicStream.remove(x.quicStreamId, x); // ended meanwhile
        }
    }

    /** The peer reset a stream (on Kwik's receiver thread, before the request's reader hears of it). */
    private void peerReset(int quicStreamId, long errorCode) {
        Exchange x = byQuicStream.get(quicStreamId);
        if (x != null) {
            x.peerResetCode = errorCode;
        }
    }

    /** The connection is done with a request: it leaves both maps. */
    private void retire(Exchange x) {
        inFlight.remove(x.record.streamId());
        x.retired = true;
        int id = x.quicStreamId;
        if (id >= 0) {
            byQuicStream.remove(id, x);
        }
    }

    /** A request's thread finished (on the executor). */
    void exchangeDone(Exchange x) {
        if (inFlight.get(x.record.streamId()) != x) {
            return; // ended already: timed out, refused on GOAWAY, or swept with the connection
        }
        long resetCode = x.peerResetCode;
        if (x.failure == null) {
            retire(x);
            x.record.onResponseHeaders(x.status, x.firstByteNanos > 0 ? x.firstByteNanos : System.nanoTime());
            x.record.addBytesIn(x.bytesIn);
            x.record.end(StreamState.COMPLETED, null);
        } else if (resetCode >= 0) {
            retire(x);
            if (resetCode == KwikFailures.H3_REQUEST_REJECTED) {
                x.record.end(StreamState.REFUSED, "refused: RESET_STREAM " + KwikFailures.h3ErrorName(resetCode));
            } else {
                x.record.end(StreamState.RESET_BY_PEER, "reset_by_peer: RESET_STREAM " + KwikFailures.h3ErrorName(resetCode));
            }
        } else if (x.failure instanceof java.io.EOFException) {
            // A body cut short: either the connection is closing under it (Kwik says so a moment
            // later, on another thread) or the server ended the stream too soon. Wait that moment:
            // a connection that ended meanwhile has swept the stream with its own reason.
            engine.later(() -> executor.execute(() -> {
                if (inFlight.get(x.record.streamId()) != x) {
                    return;
                }
                retire(x);
                x.record.end(StreamState.PROTOCOL_ERROR, "protocol_error: response ended early");
                afterStreamEnd();
            }));
        } else {
            KwikFailures.Outcome o = KwikFailures.request(x.failure);
            if (o == null) {
                // The connection is gone under it. Kwik tells why a moment later on another thread;
                // the stream stays live until then, and ends in the connection's sweep with that reason.
                engine.later(() -> executor.execute(() -> end(StreamState.CONNECTION_LOST,
                        lossCategory != null ? lossCategory : "connection_lost: connection closed", true)));
                return;
            }
            retire(x);
            x.record.end(o.state(), o.category());
            // Flupke gave up on the response but left its stream open: STOP_SENDING, so that the
            // server stops sending and the stream (and the server's stream credit) is freed.
            x.abort();
        }
        afterStreamEnd();
    }

    private void afterStreamEnd() {
        if (draining && inFlight.isEmpty()) {
            end(StreamState.CANCELLED, "cancelled: connection drained", false); // nothing live to sweep
        } else {
            events.onCapacity(this);
        }
    }

    /**
     * The server's GOAWAY (on the executor): no new request here; those on streams at or above
     * {@code id}, or not yet on a stream, will never be processed and are refused, to be retried.
     */
    private void goaway(long id) {
        if (ended) {
            return;
        }
        if (!draining) {
            draining = true;
            events.onDraining(this);
        }
        for (Exchange x : new ArrayList<>(inFlight.values())) {
            int quicId = x.quicStreamId;
            if (quicId < 0 || quicId >= id) {
                retire(x);
                x.record.end(StreamState.REFUSED, "refused: beyond GOAWAY id");
                x.abort();
            }
        }
        if (inFlight.isEmpty()) {
            end(StreamState.CANCELLED, "cancelled: connection drained", false);
        }
    }

    private void creditRaised() {
        if (!ended && readySignalled) {
            events.onCapacity(this);
        }
    }

    @Override
    public void expire(StreamRecord stream) {
        executor.execute(() -> {
            Exchange x = inFlight.get(stream.streamId());
            if (x == null || x.record != stream || stream.isEnded()) {
                return;
            }
            retire(x);
            stream.end(StreamState.TIMED_OUT, "timed_out");
            x.abort();
            afterStreamEnd();
        });
    }

    /** Kwik's connection listener: the QUIC connection is over (any thread). */
    void terminated(ConnectionTerminatedEvent e) {
        String category = KwikFailures.connectionEnd(e);
        boolean graceful = KwikFailures.isGracefulClose(e);
        executor.execute(() -> {
            if (lossCategory == null) {
                lossCategory = category;
            }
            // A server closing with H3_NO_ERROR after its GOAWAY ends the connection as planned.
            end(StreamState.CONNECTION_LOST, category, !(draining && graceful));
        });
    }

    @Override
    public void close(StreamState sweepState, String reason) {
        executor.execute(() -> {
            closing = true;
            end(sweepState, reason, false);
        });
    }

    /**
     * The end of the connection, once: the streams still live are swept, the requests still
     * running are aborted, and the QUIC connection is closed.
     */
    private void end(StreamState state, String category, boolean lost) {
        if (ended) {
            return;
        }
        ended = true;
        streams.sweep(state, category);
        for (Exchange x : new ArrayList<>(inFlight.values())) {
            retire(x);
            x.abort();
        }
        engine.closeQuietly(quic);
        if (!readySignalled) {
            events.onConnectFailed(lost ? category : "connect: closed during set-up", null);
        } else {
            events.onClosed(this, lost);
        }
    }

    @Override
    public String toString() {
        return "HTTP/3 (kwik) connection " + streams.id();
    }
}
