package dev.quiver.quic.kwik;

import dev.quiver.core.stream.StreamRecord;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tech.kwik.core.QuicStream;
import tech.kwik.flupke.Http3ClientConnection;

/**
 * One request on its own virtual thread: Flupke's blocking {@code send}, then the outcome posted
 * back to the connection's executor, where the stream is ended. The response facts are kept here
 * (written on the request's thread, read on the executor after the hand-off) rather than on the
 * {@link StreamRecord}, so that the record is only touched on the connection's executor.
 */
final class Exchange implements Runnable {

    /** H3_REQUEST_CANCELLED (RFC 9114, 8.1): what quiver resets a timed-out stream with. */
    static final long H3_REQUEST_CANCELLED = 0x10c;

    private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

    final StreamRecord record;
    private final Http3ClientConnection http3;
    private final HttpRequest request;
    private final KwikConnection connection;

    private volatile Thread thread;
    private volatile QuicStream stream;
    private volatile boolean aborted;
    /** The QUIC stream id once Flupke created the stream, -1 before. */
    volatile int quicStreamId = -1;
    /** The error code of the peer's RESET_STREAM on this stream, -1 if none came. */
    volatile long peerResetCode = -1;

    // Written on the request's thread before the hand-off to the executor.
    int status;
    long firstByteNanos = -1;
    long bytesIn;
    Throwable failure;

    Exchange(StreamRecord record, Http3ClientConnection http3, HttpRequest request, KwikConnection connection) {
        this.record = record;
        this.http3 = http3;
        this.request = request;
        this.connection = connection;
    }

    /** The exchange whose request runs on this thread, or null. */
    static Exchange current() {
        return CURRENT.get();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        CURRENT.set(this);
        try {
            HttpResponse<Long> response = http3.send(request, new DiscardingBodyHandler(this));
            if (firstByteNanos < 0) {
                // Flupke answered one of its own limits with a response of its making (no body
                // handler called): no response came from the server.
                throw new OverLimitResponse(response.statusCode());
            }
            status = response.statusCode();
            Long body = response.body();
            bytesIn = body == null ? 0 : body;
        } catch (Throwable t) {
            // Flupke throws IOExceptions, but also IllegalStateException on a draining connection.
            failure = t;
        } finally {
            StreamEndMark.clear();
            CURRENT.remove();
            thread = null;
        }
        connection.executor().execute(() -> connection.exchangeDone(this));
    }

    /** Flupke created this request's QUIC stream (called on the request's thread). */
    void streamCreated(QuicStream s) {
        stream = s;
        quicStreamId = s.getStreamId();
        if (aborted) {
            abortStream(s);
        }
    }

    /** Response headers arrived (on the request's thread). */
    void headers(int statusCode) {
        status = statusCode;
        firstByteNanos = System.nanoTime();
    }

    /** Whether the stream ended abruptly: the peer reset it, or quiver aborted it. */
    boolean endedAbruptly() {
        return aborted || peerResetCode >= 0;
    }

    /**
     * Gives up on the request: STOP_SENDING and RESET_STREAM with H3_REQUEST_CANCELLED, which also
     * wakes a read blocked in Kwik; an interrupt covers a thread that waits elsewhere.
     */
    void abort() {
        aborted = true;
        QuicStream s = stream;
        if (s != null) {
            abortStream(s);
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private static void abortStream(QuicStream s) {
        try {
            s.abortReading(H3_REQUEST_CANCELLED);
            s.resetStream(H3_REQUEST_CANCELLED);
        } catch (RuntimeException e) {
            // The stream or its connection is already gone: nothing left to abort.
        }
    }
}
