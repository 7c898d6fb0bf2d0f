package dev.quiver.quic.kwik.h3;

import dev.quiver.http3.ControlFrames;
import dev.quiver.http3.H3Error;
import dev.quiver.http3.H3Frames;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import tech.kwik.core.QuicStream;

/**
 * The unidirectional streams a server opens (RFC 9114, 6.2): its control stream, read for SETTINGS
 * and then for GOAWAY to the end of the connection; its QPACK encoder and decoder streams, read
 * and discarded (with a table capacity of 0 they carry nothing this client uses); push streams,
 * never allowed by this client, and unknown types, refused. Each stream is read on a thread of its
 * own from {@code threads}: Kwik's reads block.
 */
public final class PeerStreams {

    /** What the server's streams tell the connection. */
    public interface Listener {
        /** The server's GOAWAY with the first request stream id it will not process. */
        void goaway(long streamId);

        /** The server broke HTTP/3 on a connection-wide stream: the connection must close with {@code code}. */
        void connectionError(long code, String reason);
    }

    private final Executor threads;
    private final Listener listener;
    private final AtomicBoolean control = new AtomicBoolean();
    private final AtomicBoolean encoder = new AtomicBoolean();
    private final AtomicBoolean decoder = new AtomicBoolean();

    public PeerStreams(Executor threads, Listener listener) {
        this.threads = threads;
        this.listener = listener;
    }

    /** Kwik's callback for a stream the server opened (on Kwik's thread: the reading happens elsewhere). */
    public void accept(QuicStream stream) {
        if (stream.isBidirectional()) {
            return; // this client allows the server no bidirectional streams; Kwik refuses them itself
        }
        try {
            threads.execute(() -> serve(stream.getInputStream(), () -> stream.abortReading(H3Error.H3_STREAM_CREATION_ERROR)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the engine is closing
        }
    }

    /** Reads one server stream to its end; {@code refuse} aborts reading it. */
    void serve(InputStream stream, Runnable refuse) {
        FrameInput in = new FrameInput(stream);
        long type;
        try {
            type = in.varint();
        } catch (IOException e) {
            return; // closed or reset before its type: to be tolerated (RFC 9114, 6.2)
        }
        try {
            if (type == H3Frames.STREAM_CONTROL) {
                once(control, "control");
                readControl(in);
            } else if (type == H3Frames.STREAM_QPACK_ENCODER || type == H3Frames.STREAM_QPACK_DECODER) {
                once(type == H3Frames.STREAM_QPACK_ENCODER ? encoder : decoder, "QPACK");
                in.skip(Long.MAX_VALUE);
            } else if (type == H3Frames.STREAM_PUSH) {
                throw new H3Error(H3Error.H3_ID_ERROR, "push stream without MAX_PUSH_ID");
            } else {
                refuse.run(); // unknown (or reserved) stream type: not read (RFC 9114, 6.2)
            }
        } catch (H3Error e) {
            listener.connectionError(e.code(), e.getMessage());
        } catch (EOFException e) {
            if (type == H3Frames.STREAM_CONTROL) {
                listener.connectionError(H3Error.H3_CLOSED_CRITICAL_STREAM, "control stream closed");
            }
            // a QPACK stream that ends carries nothing this client needs
        } catch (IOException | RuntimeException e) {
            // the stream or the connection ended; the connection's close reason comes through Kwik
        }
    }

    private static void once(AtomicBoolean seen, String what) throws H3Error {
        if (!seen.compareAndSet(false, true)) {
            throw new H3Error(H3Error.H3_STREAM_CREATION_ERROR, "second " + what + " stream");
        }
    }

    private void readControl(FrameInput in) throws IOException, H3Error {
        ControlFrames rules = new ControlFrames();
        while (true) {
            if (in.atEnd()) {
                throw new EOFException("control stream closed");
            }
            long type = in.varint();
            long length = in.varint();
            switch (rules.frame(type, length)) {
                case SETTINGS -> {
                    byte[] p = in.payload((int) length);
                    rules.settings(p, in.payloadOffset(), in.payloadOffset() + (int) length);
                }
                case GOAWAY -> {
                    byte[] p = in.payload((int) length);
                    listener.goaway(rules.goaway(p, in.payloadOffset(), in.payloadOffset() + (int) length));
                }
                case SKIP -> in.skip(length);
            }
        }
    }
}
