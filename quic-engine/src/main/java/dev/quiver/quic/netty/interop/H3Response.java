package dev.quiver.quic.netty.interop;

/**
 * One response as the interop cases check it.
 *
 * @param contentLength the content-length header, or -1 when absent
 * @param headerCount header fields decoded (QPACK), pseudo-headers included
 */
record H3Response(long streamId, int status, long contentLength, long bodyBytes, int headerCount) {

    /** Status 200 and, when the server sent content-length, exactly that many body bytes. */
    boolean complete() {
        return status == 200 && (contentLength < 0 || contentLength == bodyBytes);
    }
}
