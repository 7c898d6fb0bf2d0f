package dev.quiver.http3;

/**
 * The rules of a request on a request stream (RFC 9114, 4.1), apart from how its bytes are read:
 * HEADERS, DATA, optional trailers, in that order, to the end of the stream. A reader announces
 * each frame ({@link #frame}), hands over HEADERS payloads whole ({@link #headers}); a frame out of
 * place is an {@link H3Error} (a connection error), a malformed request one of code H3_MESSAGE_ERROR.
 */
public final class RequestProgress {

    /** What a reader does with a frame's payload. */
    public enum Payload {
        /** Read it whole and pass it to {@link #headers}. */
        HEADERS,
        /** Request body: count it, keep nothing. */
        DATA,
        /** Unknown or reserved (grease) type: read past it (RFC 9114, 9). */
        SKIP
    }

    private final int maxHeadersBytes;
    private boolean head;
    private boolean trailers;

    /** {@code maxHeadersBytes}: the longest HEADERS payload accepted (the rest would fill the heap). */
    public RequestProgress(int maxHeadersBytes) {
        this.maxHeadersBytes = maxHeadersBytes;
    }

    /** A frame of {@code type} and {@code length} begins: what to do with its payload. */
    public Payload frame(long type, long length) throws H3Error {
        if (type == H3Frames.HEADERS) {
            if (trailers) {
                throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "HEADERS after trailers");
            }
            if (length > maxHeadersBytes) {
                throw new H3Error(H3Error.H3_EXCESSIVE_LOAD, "request headers over " + maxHeadersBytes / 1024 + " KiB");
            }
            return Payload.HEADERS;
        }
        if (type == H3Frames.DATA) {
            if (!head || trailers) {
                throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "DATA " + (trailers ? "after trailers" : "before HEADERS"));
            }
            return Payload.DATA;
        }
        if (type == H3Frames.SETTINGS || type == H3Frames.GOAWAY || type == H3Frames.CANCEL_PUSH
                || type == H3Frames.MAX_PUSH_ID || type == H3Frames.PUSH_PROMISE || H3Frames.isReservedHttp2(type)) {
            throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "frame 0x" + Long.toHexString(type) + " on a request stream");
        }
        return Payload.SKIP;
    }

    /**
     * The payload of the HEADERS frame just announced, in {@code buf[off, off + len)}: the request
     * head, or {@code null} for trailers (checked only to decode).
     */
    public RequestHeaders headers(byte[] buf, int off, int len) throws H3Error {
        if (head) {
            trailers = true;
            QpackRequestDecoder.check(buf, off, len);
            return null;
        }
        head = true;
        return QpackRequestDecoder.decode(buf, off, len);
    }

    /** Whether the request's HEADERS have arrived. */
    public boolean hasHead() {
        return head;
    }
}
