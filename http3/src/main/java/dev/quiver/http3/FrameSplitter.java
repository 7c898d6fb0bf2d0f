package dev.quiver.http3;

import dev.quiver.http3.H3Error;
import dev.quiver.http3.Varint;
import io.netty.buffer.ByteBuf;

/**
 * Splits one stream's bytes into HTTP/3 frames (RFC 9114, 7.1) as they arrive, in reads of any
 * size: a frame header or payload may straddle two reads. The payloads a {@link Frames} sink asks
 * for whole are gathered into one array; the others are only counted past, never copied.
 */
public final class FrameSplitter {

    /** Where the frames go. */
    public interface Frames {
        /** A frame begins: true to get its payload whole ({@link #payload}), false to have it counted past ({@link #skipped}). */
        boolean begin(long type, long length) throws H3Error;

        /** The whole payload of the frame just begun, in {@code buf[off, off + len)}, valid during the call. */
        void payload(byte[] buf, int off, int len) throws H3Error;

        /** {@code n} more bytes of a payload not asked for whole went by. */
        void skipped(int n);
    }

    /** A frame header: two varints of at most 8 bytes each. */
    private final byte[] header = new byte[16];
    private int headerLength;
    /** Enough for a small response's HEADERS; a larger one gets an array of its size (bounded by the sink's rules). */
    private byte[] payload = new byte[256];
    private int filled;
    private long remaining;
    private boolean whole;
    private boolean inPayload;

    /** Reads all of {@code in} (the caller releases it), passing every frame it completes to {@code frames}. */
    public void read(ByteBuf in, Frames frames) throws H3Error {
        while (in.isReadable()) {
            if (!inPayload) {
                if (!readHeader(in)) {
                    return;
                }
                int typeLength = Varint.lengthOf(header[0] & 0xff);
                long type = Varint.read(header, 0, typeLength);
                long length = Varint.read(header, typeLength, headerLength);
                headerLength = 0;
                begin(frames, type, length);
                continue;
            }
            int n = (int) Math.min(remaining, in.readableBytes());
            if (whole) {
                in.readBytes(payload, filled, n);
                filled += n;
            } else {
                in.skipBytes(n);
                frames.skipped(n);
            }
            remaining -= n;
            if (remaining == 0) {
                endPayload(frames);
            }
        }
    }

    /** Whether the bytes so far end at a frame's end: a stream that ends elsewhere ends inside a frame. */
    public boolean atFrameBoundary() {
        return !inPayload && headerLength == 0;
    }

    private void begin(Frames frames, long type, long length) throws H3Error {
        whole = frames.begin(type, length);
        remaining = length;
        filled = 0;
        inPayload = true;
        if (whole && payload.length < length) {
            payload = new byte[(int) length]; // the sink's rules bound the length it asks for whole
        }
        if (length == 0) {
            endPayload(frames);
        }
    }

    private void endPayload(Frames frames) throws H3Error {
        inPayload = false;
        if (whole) {
            frames.payload(payload, 0, filled);
        }
    }

    /** Takes header bytes one at a time (two or three in all, as a rule) until both varints are complete. */
    private boolean readHeader(ByteBuf in) {
        while (in.isReadable()) {
            header[headerLength++] = in.readByte();
            int typeLength = Varint.lengthOf(header[0] & 0xff);
            if (headerLength > typeLength && headerLength == typeLength + Varint.lengthOf(header[typeLength] & 0xff)) {
                return true;
            }
        }
        return false;
    }
}
