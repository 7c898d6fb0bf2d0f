package dev.quiver.server.h3;

import dev.quiver.http3.ResponseHead;
import dev.quiver.server.route.ResponseBodies;
import dev.quiver.server.route.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * The HTTP/3 bytes of the fixed responses, built once (as {@code Http2Responses} and
 * {@code Http1Responses} do for TCP): per fixed route its HEADERS and DATA frames, its HEADERS
 * alone (for HEAD), and the cut-off hello of the reset fault. Every write gets a view of the same
 * direct memory, so a response costs no encoding and no copy into direct memory.
 */
final class Http3Responses {

    static final String TEXT_PLAIN = "text/plain";
    static final String OCTET_STREAM = "application/octet-stream";

    private static final ByteBuffer[] FULL = new ByteBuffer[Route.Fixed.values().length];
    private static final ByteBuffer[] HEAD_ONLY = new ByteBuffer[Route.Fixed.values().length];
    private static final ByteBuffer PARTIAL_HELLO;

    static {
        for (Route.Fixed route : Route.Fixed.values()) {
            byte[] head = ResponseHead.frame(route.status(), TEXT_PLAIN, ResponseBodies.length(route));
            HEAD_ONLY[route.ordinal()] = shared(head, null);
            FULL[route.ordinal()] = shared(head, ResponseBodies.body(route));
        }
        PARTIAL_HELLO = shared(ResponseHead.frame(200, TEXT_PLAIN, ResponseBodies.length(Route.Fixed.HELLO)),
                ResponseBodies.partialHello());
    }

    private Http3Responses() {
    }

    /** HEADERS and DATA of a fixed route, or its HEADERS only for a HEAD request. */
    static ByteBuf fixed(Route.Fixed route, boolean head) {
        return Unpooled.wrappedBuffer((head ? HEAD_ONLY : FULL)[route.ordinal()].duplicate());
    }

    /** HEADERS announcing the hello body and a DATA frame with its first half: the reset fault's bytes. */
    static ByteBuf partialHello() {
        return Unpooled.wrappedBuffer(PARTIAL_HELLO.duplicate());
    }

    /** HEADERS of a streamed body of {@code length} bytes. */
    static ByteBuf streamedHead(long length) {
        return Unpooled.wrappedBuffer(ResponseHead.frame(200, OCTET_STREAM, length));
    }

    /** A DATA frame's header for a chunk of {@code length} bytes. */
    static ByteBuf dataHeader(int length) {
        return Unpooled.wrappedBuffer(ResponseHead.dataHeader(length));
    }

    private static ByteBuffer shared(byte[] head, ByteBuffer body) {
        byte[] dataHeader = body == null ? new byte[0] : ResponseHead.dataHeader(body.remaining());
        ByteBuffer b = ByteBuffer.allocateDirect(head.length + dataHeader.length + (body == null ? 0 : body.remaining()));
        b.put(head).put(dataHeader);
        if (body != null) {
            b.put(body);
        }
        return b.flip().asReadOnlyBuffer();
    }
}
