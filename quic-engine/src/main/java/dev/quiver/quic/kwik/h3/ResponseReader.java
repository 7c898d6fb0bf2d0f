package dev.quiver.quic.kwik.h3;

import dev.quiver.http3.H3Error;
import dev.quiver.http3.ResponseProgress;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one response from a Kwik request stream, blocking, by the rules of {@link ResponseProgress}.
 * Only the status, the time the final headers arrived and the body's length are kept. A frame out
 * of place or malformed is an {@link H3Error}; a stream that ends inside a frame an
 * {@link EOFException}; Kwik's own exceptions (a reset stream, a closed connection) pass through.
 */
public final class ResponseReader {

    private final FrameInput in;
    private final ResponseProgress progress;
    private long headersNanos = -1;
    private long bodyBytes;

    /** {@code maxHeadersBytes}: the longest HEADERS payload accepted (the rest would fill the heap). */
    public ResponseReader(InputStream stream, int maxHeadersBytes) {
        this.in = new FrameInput(stream);
        this.progress = new ResponseProgress(maxHeadersBytes);
    }

    /** Reads the whole response; then {@link #status()}, {@link #headersNanos()}, {@link #bodyBytes()}. */
    public void read() throws IOException, H3Error {
        while (true) {
            if (in.atEnd()) {
                progress.end();
                return;
            }
            long type = in.varint();
            long length = in.varint();
            switch (progress.frame(type, length)) {
                case HEADERS -> {
                    byte[] p = in.payload((int) length);
                    if (progress.headers(p, in.payloadOffset(), (int) length)) {
                        headersNanos = System.nanoTime();
                    }
                }
                case DATA -> {
                    in.skip(length);
                    bodyBytes += length;
                }
                case SKIP -> in.skip(length);
            }
        }
    }

    public int status() {
        return progress.status();
    }

    /** {@link System#nanoTime()} when the final headers were read, -1 before. */
    public long headersNanos() {
        return headersNanos;
    }

    public long bodyBytes() {
        return bodyBytes;
    }
}
