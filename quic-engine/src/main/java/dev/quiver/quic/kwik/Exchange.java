package dev.quiver.quic.kwik;

import dev.quiver.core.stream.StreamRecord;
import dev.quiver.quic.kwik.h3.ResponseReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;

/**
 * One request on its own virtual thread: opens a QUIC stream, writes the run's request bytes
 * ({@link dev.quiver.http3.RequestMessage}) and reads the response with a {@link
 * ResponseReader} (Kwik's reads block), then posts the outcome back to the connection's executor,
 * where the stream is ended. The response facts are kept here (written on the request's thread,
 * read on the executor after the hand-off) rather than on the {@link StreamRecord}, so that the
 * record is only touched on the connection's executor. Nothing of it outlives the request.
 */
final class Exchange implements Runnable {

    /** H3_REQUEST_CANCELLED (RFC 9114, 8.1): what quiver resets a timed-out stream with. */
    static final long H3_REQUEST_CANCELLED = 0x10c;

    final StreamRecord record;
    private final QuicConnection quic;
    private final byte[] message;
    private final KwikConnection connection;

    private volatile Thread thread;
    private volatile QuicStream stream;
    private volatile boolean aborted;
    /** The QUIC stream id once the stream exists, -1 before. */
    volatile int quicStreamId = -1;
    /** The error code of the peer's RESET_STREAM on this stream, -1 if none came. */
    volatile long peerResetCode = -1;

    // Written on the request's thread before the hand-off to the executor.
    int status;
    long firstByteNanos = -1;
    long bytesIn;
    Throwable failure;

    Exchange(StreamRecord record, QuicConnection quic, byte[] message, KwikConnection connection) {
        this.record = record;
        this.quic = quic;
        this.message = message;
        this.connection = connection;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            if (aborted) {
                throw new InterruptedIOException("aborted before its stream");
            }
            QuicStream s = quic.createStream(true);
            streamCreated(s);
            OutputStream out = s.getOutputStream();
            out.write(message);
            out.close(); // FIN: the request is complete
            ResponseReader response = new ResponseReader(s.getInputStream(), KwikProcessSettings.MAX_HEADER_FRAME_BYTES);
            response.read();
            status = response.status();
            firstByteNanos = response.headersNanos();
            bytesIn = response.bodyBytes();
        } catch (Throwable t) {
            // Kwik's IOExceptions (reset, closed, interrupted), the peer's HTTP/3 errors (H3Error)
            failure = t;
        } finally {
            thread = null;
        }
        connection.executor().execute(() -> connection.exchangeDone(this));
    }

    private void streamCreated(QuicStream s) {
        stream = s;
        quicStreamId = s.getStreamId();
        if (aborted) {
            abortStream(s);
        }
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
