package dev.quiver.quic.kwik.h3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one response from a request stream (RFC 9114, 4.1): informational HEADERS, the final
 * HEADERS, DATA, optional trailers, in that order, to the end of the stream. Only the status, the
 * time the final headers arrived and the body's length are kept. A frame out of place or malformed
 * is an {@link H3Error}; a stream that ends inside a frame an {@link EOFException}; Kwik's own
 * exceptions (a reset stream, a closed connection) pass through.
 */
public final class ResponseReader {

    private final FrameInput in;
    private final int maxHeadersBytes;
    private int status;
    private long headersNanos = -1;
    private long bodyBytes;

    /** {@code maxHeadersBytes}: the longest HEADERS payload accepted (the rest would fill the heap). */
    public ResponseReader(InputStream stream, int maxHeadersBytes) {
        this.in = new FrameInput(stream);
        this.maxHeadersBytes = maxHeadersBytes;
    }

    /** Reads the whole response; then {@link #status()}, {@link #headersNanos()}, {@link #bodyBytes()}. */
    public void read() throws IOException, H3Error {
        boolean trailers = false;
        while (true) {
            if (in.atEnd()) {
                if (headersNanos < 0) {
                    throw new H3Error(H3Error.H3_MESSAGE_ERROR, "stream ended without response headers");
                }
                return;
            }
            long type = in.varint();
            long length = in.varint();
            if (type == H3Frames.HEADERS) {
                if (trailers) {
                    throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "HEADERS after trailers");
                }
                if (length > maxHeadersBytes) {
                    throw new H3Error(H3Error.H3_EXCESSIVE_LOAD, "response headers over " + maxHeadersBytes / 1024 + " KiB");
                }
                byte[] p = in.payload((int) length);
                if (headersNanos >= 0) {
                    trailers = true; // checked only for form: trailers carry nothing a report shows
                    QpackStatusDecoder.check(p, in.payloadOffset(), (int) length);
                    continue;
                }
                int s = QpackStatusDecoder.status(p, in.payloadOffset(), (int) length);
                if (s >= 200) {
                    status = s;
                    headersNanos = System.nanoTime();
                } else if (s < 100) {
                    throw new H3Error(H3Error.H3_MESSAGE_ERROR, "malformed :status");
                }
                // 1xx: informational, the final headers follow
            } else if (type == H3Frames.DATA) {
                if (headersNanos < 0 || trailers) {
                    throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "DATA " + (trailers ? "after trailers" : "before HEADERS"));
                }
                in.skip(length);
                bodyBytes += length;
            } else if (type == H3Frames.PUSH_PROMISE) {
                throw new H3Error(H3Error.H3_ID_ERROR, "PUSH_PROMISE without MAX_PUSH_ID");
            } else if (type == H3Frames.SETTINGS || type == H3Frames.GOAWAY || type == H3Frames.CANCEL_PUSH
                    || type == H3Frames.MAX_PUSH_ID || H3Frames.isReservedHttp2(type)) {
                throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "frame 0x" + Long.toHexString(type) + " on a request stream");
            } else {
                in.skip(length); // unknown and reserved (grease) types are ignored (RFC 9114, 9)
            }
        }
    }

    public int status() {
        return status;
    }

    /** {@link System#nanoTime()} when the final headers were read, -1 before. */
    public long headersNanos() {
        return headersNanos;
    }

    public long bodyBytes() {
        return bodyBytes;
    }
}
