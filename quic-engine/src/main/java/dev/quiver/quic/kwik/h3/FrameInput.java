package dev.quiver.quic.kwik.h3;

import dev.quiver.http3.Varint;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads HTTP/3 frames (RFC 9114, 7.1) and varints from one stream through a small buffer of its
 * own, so that a short response costs one or two reads of the QUIC stream, not one per byte.
 */
final class FrameInput {

    /**
     * Enough for a small response (frame headers, a few fields, a short body) in one read; a larger
     * HEADERS frame gets an array of its size, a long body a larger one to be skipped through.
     */
    private static final int BUFFER = 256;
    /** The most a skipped payload is read in at a time. */
    private static final int SKIP_CHUNK = 16 * 1024;

    private final InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;

    FrameInput(InputStream in) {
        this.in = in;
    }

    /** Whether the stream ended cleanly here: no byte left and the peer's FIN read. */
    boolean atEnd() throws IOException {
        return !fill(1);
    }

    /** The next varint, or an {@link EOFException} if the stream ends inside or before it. */
    long varint() throws IOException {
        require(1);
        int n = Varint.lengthOf(buf[pos] & 0xff);
        require(n);
        long v = buf[pos++] & 0x3f;
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    /**
     * The next {@code length} bytes in one array, valid until the next call; {@link #payloadOffset()}
     * tells where they start in it.
     */
    byte[] payload(int length) throws IOException {
        if (length > buf.length) {
            byte[] bigger = new byte[length];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            limit -= pos;
            pos = 0;
            buf = bigger;
        }
        require(length);
        payloadStart = pos;
        pos += length;
        return buf;
    }

    private int payloadStart;

    int payloadOffset() {
        return payloadStart;
    }

    /** Reads past {@code length} bytes (a DATA payload, an unknown frame), in chunks. */
    void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (pos == limit) {
                if (left > buf.length && buf.length < SKIP_CHUNK) {
                    buf = new byte[SKIP_CHUNK]; // a long body: fewer, larger reads
                }
                pos = 0;
                limit = 0;
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    throw new EOFException("stream ended inside a frame");
                }
                limit = n;
            }
            int take = (int) Math.min(left, limit - pos);
            pos += take;
            left -= take;
        }
    }

    private void require(int n) throws IOException {
        if (!fill(n)) {
            throw new EOFException("stream ended inside a frame");
        }
    }

    /** Makes {@code n} bytes available from {@code pos}; false if the stream ends first. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        return true;
    }
}
