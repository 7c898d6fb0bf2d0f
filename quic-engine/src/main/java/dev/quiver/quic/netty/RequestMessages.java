package dev.quiver.quic.netty;

import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.RequestHead;
import dev.quiver.http3.RequestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Each request of the run's mix as its stream's bytes (HEADERS with the static-table QPACK
 * section, then DATA with a body), built once per engine in memory quiche reads directly. Every
 * stream of every connection writes a duplicate of the one it is asked for: the bytes never change,
 * and a body (up to 16 MiB) is held once, not once per connection. Unreleasable, since in-flight
 * writes on any event loop share it; the garbage collector frees it with the engine.
 */
final class RequestMessages {

    private final ByteBuf[] messages;
    private final int[] bodyLengths;

    RequestMessages(EngineConfig config) {
        int n = config.requests().size();
        messages = new ByteBuf[n];
        bodyLengths = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] body = config.requests().entry(i).request().body();
            byte[] message = RequestMessage.of(RequestHead.of(config.requests().entry(i), config.target(), "https"), body);
            ByteBuffer direct = ByteBuffer.allocateDirect(message.length).put(message).flip();
            messages[i] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
            bodyLengths[i] = body.length;
        }
    }

    /** Request {@code i}'s bytes for one stream: a view of its own, for one write. */
    ByteBuf forStream(int i) {
        return messages[i].duplicate();
    }

    int bodyLength(int i) {
        return bodyLengths[i];
    }
}
