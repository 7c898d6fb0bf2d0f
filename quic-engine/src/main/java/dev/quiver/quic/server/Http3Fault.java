package dev.quiver.quic.server;

/** The kinds of fault the HTTP/3 server can inject; see {@link Http3EmbeddedServer} for their wire behaviour. */
public enum Http3Fault {
    /** Answer the request, then HTTP/3 GOAWAY; later streams are rejected and the connection closes once drained. */
    GOAWAY,
    /** CONNECTION_CLOSE (H3_INTERNAL_ERROR) when the request arrives, without answering. */
    CLOSE,
    /** Response headers and part of the body, then RESET_STREAM(H3_INTERNAL_ERROR). */
    RESET,
    /** The request is never answered. */
    STALL,
    /** The connection's state is dropped without any packet to the client. */
    SILENT_CLOSE
}
