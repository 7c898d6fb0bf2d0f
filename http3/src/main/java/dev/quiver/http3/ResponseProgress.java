package dev.quiver.http3;

/**
 * The rules of a response on a request stream (RFC 9114, 4.1), apart from how its bytes are read:
 * informational HEADERS, the final HEADERS, DATA, optional trailers, in that order, to the end of
 * the stream. A reader announces each frame ({@link #frame}), hands over HEADERS payloads whole
 * ({@link #headers}) and says when the stream ended ({@link #end}); a frame out of place or a field
 * section that does not decode is an {@link H3Error}. Only the final status is kept.
 */
public final class ResponseProgress {

    private final int maxHeadersBytes;
    private int status;
    private boolean trailers;

    /** {@code maxHeadersBytes}: the longest HEADERS payload accepted (the rest would fill the heap). */
    public ResponseProgress(int maxHeadersBytes) {
        this.maxHeadersBytes = maxHeadersBytes;
    }

    /** A frame of {@code type} and {@code length} begins: what to do with its payload. */
    public FramePayload frame(long type, long length) throws H3Error {
        if (type == H3Frames.PUSH_PROMISE) {
            throw new H3Error(H3Error.H3_ID_ERROR, "PUSH_PROMISE without MAX_PUSH_ID");
        }
        return FramePayload.of(type, length, maxHeadersBytes, status != 0, trailers, "response");
    }

    /**
     * The payload of the HEADERS frame just announced, in {@code buf[off, off + len)}. True when it
     * is the final response head (the first with a status of 200 or more); informational heads
     * (1xx) are passed over, trailers checked only for form: they carry nothing a report shows.
     */
    public boolean headers(byte[] buf, int off, int len) throws H3Error {
        if (status != 0) {
            trailers = true;
            QpackStatusDecoder.check(buf, off, len);
            return false;
        }
        int s = QpackStatusDecoder.status(buf, off, len);
        if (s >= 200) {
            status = s;
            return true;
        }
        if (s < 100) {
            throw new H3Error(H3Error.H3_MESSAGE_ERROR, "malformed :status");
        }
        return false;
    }

    /** The stream ended cleanly, between frames. */
    public void end() throws H3Error {
        if (status == 0) {
            throw new H3Error(H3Error.H3_MESSAGE_ERROR, "stream ended without response headers");
        }
    }

    /** The final status, 0 before the final headers. */
    public int status() {
        return status;
    }
}
