package dev.quiver.h2.server;

/** The kinds of fault the embedded server can inject; see {@link EmbeddedServer} for their wire behaviour. */
public enum Fault {
    /** Graceful end of the connection after answering the request (HTTP/2 GOAWAY, HTTP/1.1 {@code Connection: close}). */
    GOAWAY,
    /** Abrupt close of the connection when the request arrives, without answering. */
    CLOSE,
    /** Response headers and part of the body, then RST_STREAM (HTTP/2) or a close mid-body (HTTP/1.1). */
    RESET,
    /** The request is never answered. */
    STALL
}
