package dev.quiver.server.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/** {@code /bytes/N}: views of the shared filler ({@link ResponseBodies#filler}), nothing allocated per chunk but the view. */
final class FillerBody implements StreamedBody {

    private final long length;
    private long remaining;

    FillerBody(long length) {
        this.length = length;
        this.remaining = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long remaining() {
        return remaining;
    }

    @Override
    public ByteBuf next(int max, ByteBufAllocator alloc) {
        int n = (int) Math.min(remaining, Math.min(max, ResponseBodies.MAX_FILLER));
        remaining -= n;
        return Unpooled.wrappedBuffer(ResponseBodies.filler(n));
    }

    @Override
    public void close() {
        // holds nothing
    }
}
