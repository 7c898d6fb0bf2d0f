package dev.quiver.server.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;

/**
 * The body of a {@link Route.Streamed} response, handed out in chunks as the connection takes
 * them, so no response holds more than one chunk in memory: {@code /bytes/N} filler or a file of
 * the served directory. Every server streams both through the same loop; only the framing differs.
 *
 * <p>Used on one event loop only. The server closes it on every end of its response (last chunk
 * taken, stream reset, connection gone); closing twice is harmless.
 */
public sealed interface StreamedBody extends AutoCloseable permits FillerBody, FileBody {

    /**
     * The body of {@code route}, ready to stream.
     *
     * @throws IOException if the file cannot be opened (it went away since it was looked up)
     */
    static StreamedBody open(Route.Streamed route) throws IOException {
        return switch (route) {
            case Route.Bytes bytes -> new FillerBody(bytes.length());
            case Route.File file -> FileBody.open(file.path());
        };
    }

    /** The announced length (Content-Length). */
    long length();

    /** Bytes not yet handed out. */
    long remaining();

    /**
     * The next {@code min(max, remaining())} bytes, owned by the caller (written, hence released, by the channel).
     *
     * @throws IOException if the file could not be read or ended before the announced length: the
     *                     response cannot be completed and must be cut off
     */
    ByteBuf next(int max, ByteBufAllocator alloc) throws IOException;

    /** Frees what the body holds (its open file). */
    @Override
    void close();
}
