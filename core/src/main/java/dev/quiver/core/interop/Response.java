package dev.quiver.core.interop;

/**
 * One response as the cases judge it; the body is counted and digested, not kept.
 *
 * @param streamId the request stream's id
 * @param contentLength the content-length header, or -1 when absent
 * @param headerCount header fields decoded (QPACK), pseudo-headers included
 * @param sha256 the body's SHA-256, lower-case hex
 */
public record Response(long streamId, int status, long contentLength, long bodyBytes, int headerCount, String sha256) {

    /** Status 200 and, when the server sent content-length, exactly that many body bytes. */
    public boolean complete() {
        return status == 200 && (contentLength < 0 || contentLength == bodyBytes);
    }
}
