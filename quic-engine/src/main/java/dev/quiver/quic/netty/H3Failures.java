package dev.quiver.quic.netty;

import dev.quiver.http3.H3Error;

/** How a server's breach of HTTP/3 ({@link H3Error}) is named in a category and what it costs. */
final class H3Failures {

    /** RFC 9114, 8.1: the server did not process the request; it is safe to retry. */
    static final long H3_REQUEST_REJECTED = 0x10b;
    /** RFC 9114, 8.1: no error; what a client closes with when it is done. */
    static final long H3_NO_ERROR = 0x100;
    /** RFC 9114, 8.1: what a client resets a request with that it gave up on. */
    static final long H3_REQUEST_CANCELLED = 0x10c;

    private H3Failures() {
    }

    /**
     * The text of a stream's category: the fixed texts that say more than their code (the same as
     * the kwik engine's), the code's name otherwise.
     */
    static String describe(H3Error e) {
        return isStreamError(e) ? e.getMessage() : Http3ErrorNames.h3(e.code());
    }

    /**
     * A malformed response (RFC 9114, 4.1.2) or one over this client's own limit: the stream's fault
     * only. Everything else a request stream can break is a connection error.
     */
    static boolean isStreamError(H3Error e) {
        return e.code() == H3Error.H3_MESSAGE_ERROR || e.code() == H3Error.H3_EXCESSIVE_LOAD;
    }
}
