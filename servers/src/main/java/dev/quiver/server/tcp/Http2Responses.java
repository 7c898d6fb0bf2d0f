package dev.quiver.server.tcp;

import dev.quiver.server.route.ResponseBodies;
import dev.quiver.server.route.Route;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.ReadOnlyHttp2Headers;
import io.netty.util.AsciiString;

/**
 * HTTP/2 response headers. Fixed routes share read-only header objects: the HPACK encoder reads
 * them synchronously when the HEADERS frame is written (a response's HEADERS are never queued
 * behind its own DATA), and its dynamic table turns the repeats into a few bytes on the wire.
 */
final class Http2Responses {

    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");

    private static final Http2Headers[] FIXED = new Http2Headers[Route.Fixed.values().length];
    private static final Http2Headers RESET_HEAD = ReadOnlyHttp2Headers.serverHeaders(false,
            AsciiString.of("200"),
            HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN,
            HttpHeaderNames.CONTENT_LENGTH, AsciiString.of(Integer.toString(ResponseBodies.length(Route.Fixed.HELLO))));

    static {
        for (Route.Fixed route : Route.Fixed.values()) {
            FIXED[route.ordinal()] = ReadOnlyHttp2Headers.serverHeaders(false,
                    AsciiString.of(Integer.toString(route.status())),
                    HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN,
                    HttpHeaderNames.CONTENT_LENGTH, AsciiString.of(Integer.toString(ResponseBodies.length(route))));
        }
    }

    private Http2Responses() {
    }

    /** Shared headers of a fixed route. */
    static Http2Headers fixed(Route.Fixed route) {
        return FIXED[route.ordinal()];
    }

    /** Headers of a streamed response ({@code /bytes/N}, a file). */
    static Http2Headers octetStream(long length) {
        return new DefaultHttp2Headers(false, 3)
                .status(FIXED[Route.Fixed.HELLO.ordinal()].status())
                .set(HttpHeaderNames.CONTENT_TYPE, OCTET_STREAM)
                .setLong(HttpHeaderNames.CONTENT_LENGTH, length);
    }

    /** Headers of a response that will be reset: they promise the full hello body. */
    static Http2Headers resetHead() {
        return RESET_HEAD;
    }
}
