package dev.quiver.http3;

/**
 * The rules of a request on a request stream (RFC 9114, 4.1), apart from how its bytes are read:
 * HEADERS, DATA, optional trailers, in that order, to the end of the stream. A reader announces
 * each frame ({@link #frame}), hands over HEADERS payloads whole ({@link #headers}); a frame out of
 * place is an {@link H3Error} (a connection error), a malformed request one of code H3_MESSAGE_ERROR.
 */
public final class RequestProgress {

    private final int maxHeadersBytes;
    private boolean head;
    private boolean trailers;

    /** {@code maxHeadersBytes}: the longest HEADERS payload accepted (the rest would fill the heap). */
    public RequestProgress(int maxHeadersBytes) {
        this.maxHeadersBytes = maxHeadersBytes;
    }

    /** A frame of {@code type} and {@code length} begins: what to do with its payload. */
    public FramePayload frame(long type, long length) throws H3Error {
        return FramePayload.of(type, length, maxHeadersBytes, head, trailers, "request");
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
