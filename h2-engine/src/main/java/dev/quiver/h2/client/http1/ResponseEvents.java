package dev.quiver.h2.client.http1;

/** What {@link ResponseParser} tells the connection about the responses it reads, in order. */
interface ResponseEvents {

    /** Whether the response being read answers a HEAD request: it has no body then, whatever its fields say. */
    boolean answersHead();

    /** A final (non-1xx) response's head was read; {@code closeAfter}: the connection ends with this response. */
    void head(int status, boolean closeAfter);

    /** {@code bytes} of the body's content (without chunk framing) were read. */
    void body(int bytes);

    /** The response ended. */
    void end();

    /** The bytes are not an HTTP/1.1 response (or exceed its limits); nothing more is read from them. */
    void malformed();
}
