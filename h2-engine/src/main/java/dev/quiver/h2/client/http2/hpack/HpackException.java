package dev.quiver.h2.client.http2.hpack;

/**
 * A header block quiver refuses. A compression error leaves the decoder's table out of step with
 * the server's, so the connection cannot go on (RFC 7541, section 2.3.3 / RFC 9113, 4.3); a header
 * list over the limit was still decoded whole, so only its stream fails.
 */
public final class HpackException extends Exception {

    private final boolean connectionFatal;

    private HpackException(String message, boolean connectionFatal) {
        super(message, null, false, false);
        this.connectionFatal = connectionFatal;
    }

    static HpackException compression(String message) {
        return new HpackException(message, true);
    }

    static HpackException listTooLarge(long size, long limit) {
        return new HpackException("header list of " + size + " bytes, over the limit of " + limit, false);
    }

    /** True when the connection must end (COMPRESSION_ERROR); false when only the stream fails. */
    public boolean connectionFatal() {
        return connectionFatal;
    }
}
