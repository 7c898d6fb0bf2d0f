package dev.quiver.http3;

/**
 * What a reader of a request stream does with a frame's payload, as {@link RequestProgress} and
 * {@link ResponseProgress} decide it.
 */
public enum FramePayload {
    /** Read it whole and pass it on as a field section. */
    HEADERS,
    /** Message body: count it, keep nothing. */
    DATA,
    /** Unknown or reserved (grease) type: read past it (RFC 9114, 9). */
    SKIP;

    /**
     * The frame-order rules a request and a response share (RFC 9114, 4.1 and 7.2): HEADERS, DATA,
     * optional trailers and nothing after them; the control stream's frames and HTTP/2's reserved
     * types are connection errors. PUSH_PROMISE is the caller's to judge first.
     *
     * @param headSeen whether the message's head (the request's, or the final response's) has arrived
     * @param message "request" or "response", for the error text
     */
    static FramePayload of(long type, long length, int maxHeadersBytes, boolean headSeen, boolean trailers,
                           String message) throws H3Error {
        if (type == H3Frames.HEADERS) {
            if (trailers) {
                throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "HEADERS after trailers");
            }
            if (length > maxHeadersBytes) {
                throw new H3Error(H3Error.H3_EXCESSIVE_LOAD, message + " headers over " + maxHeadersBytes / 1024 + " KiB");
            }
            return HEADERS;
        }
        if (type == H3Frames.DATA) {
            if (!headSeen || trailers) {
                throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "DATA " + (trailers ? "after trailers" : "before HEADERS"));
            }
            return DATA;
        }
        if (type == H3Frames.SETTINGS || type == H3Frames.GOAWAY || type == H3Frames.CANCEL_PUSH
                || type == H3Frames.MAX_PUSH_ID || type == H3Frames.PUSH_PROMISE || H3Frames.isReservedHttp2(type)) {
            throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "frame 0x" + Long.toHexString(type) + " on a request stream");
        }
        return SKIP;
    }
}
