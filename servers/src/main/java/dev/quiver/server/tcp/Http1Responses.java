package dev.quiver.server.tcp;

import dev.quiver.server.route.ResponseBodies;
import dev.quiver.server.route.Route;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.AsciiString;

/**
 * HTTP/1.1 response heads. The fixed routes' headers are built once and shared (read-only), so
 * answering {@code /} allocates only the response object itself.
 */
final class Http1Responses {

    /** How the response treats the connection, which decides its {@code Connection} header. */
    enum ConnectionMode {
        /** HTTP/1.1 persistent connection: no header needed. */
        KEEP_ALIVE,
        /** HTTP/1.0 client that asked for keep-alive: must be confirmed explicitly or it closes. */
        KEEP_ALIVE_HTTP10,
        /** The server closes after this response. */
        CLOSE;

        static ConnectionMode of(HttpRequest request, boolean forceClose) {
            if (forceClose || !HttpUtil.isKeepAlive(request)) {
                return CLOSE;
            }
            return request.protocolVersion() == HttpVersion.HTTP_1_0 ? KEEP_ALIVE_HTTP10 : KEEP_ALIVE;
        }
    }

    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");
    private static final DefaultHttpHeadersFactory UNVALIDATED = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    /** [route][mode] → shared headers. */
    private static final HttpHeaders[][] FIXED_HEADERS =
            new HttpHeaders[Route.Fixed.values().length][ConnectionMode.values().length];
    private static final HttpHeaders RESET_HEADERS = new ReadOnlyHttpHeaders(false,
            HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN,
            HttpHeaderNames.CONTENT_LENGTH, AsciiString.of(Integer.toString(ResponseBodies.length(Route.Fixed.HELLO))));

    static {
        for (Route.Fixed route : Route.Fixed.values()) {
            AsciiString length = AsciiString.of(Integer.toString(ResponseBodies.length(route)));
            for (ConnectionMode mode : ConnectionMode.values()) {
                FIXED_HEADERS[route.ordinal()][mode.ordinal()] = switch (mode) {
                    case KEEP_ALIVE -> new ReadOnlyHttpHeaders(false,
                            HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN,
                            HttpHeaderNames.CONTENT_LENGTH, length);
                    case KEEP_ALIVE_HTTP10 -> new ReadOnlyHttpHeaders(false,
                            HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN,
                            HttpHeaderNames.CONTENT_LENGTH, length,
                            HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                    case CLOSE -> new ReadOnlyHttpHeaders(false,
                            HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN,
                            HttpHeaderNames.CONTENT_LENGTH, length,
                            HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                };
            }
        }
    }

    private Http1Responses() {
    }

    /** A complete response for a fixed route (shared headers, shared body view). */
    static FullHttpResponse fixed(Route.Fixed route, ConnectionMode mode) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(route.status()),
                Unpooled.wrappedBuffer(ResponseBodies.body(route)), FIXED_HEADERS[route.ordinal()][mode.ordinal()],
                EmptyHttpHeaders.INSTANCE);
    }

    /** The head of a streamed response ({@code /bytes/N}, a file); the body follows as content messages. */
    static HttpResponse octetStreamHead(long length, ConnectionMode mode) {
        HttpHeaders headers = UNVALIDATED.newHeaders()
                .add(HttpHeaderNames.CONTENT_TYPE, OCTET_STREAM)
                .add(HttpHeaderNames.CONTENT_LENGTH, Long.toString(length));
        if (mode == ConnectionMode.KEEP_ALIVE_HTTP10) {
            headers.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else if (mode == ConnectionMode.CLOSE) {
            headers.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, headers);
    }

    /**
     * The head of a response that will be cut off: it promises the full hello body so the client
     * can tell the body ended early.
     */
    static HttpResponse resetHead() {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, RESET_HEADERS);
    }
}
