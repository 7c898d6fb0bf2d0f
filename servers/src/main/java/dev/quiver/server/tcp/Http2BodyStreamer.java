package dev.quiver.server.tcp;

import dev.quiver.server.route.ResponseBodies;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Stream;

/**
 * Streams one {@code /bytes/N} body on one HTTP/2 stream without holding N bytes: it queues DATA
 * only while the flow controller reports the stream writable (peer window and channel both have
 * room) and resumes when it becomes writable again.
 *
 * <p>It lives as a property of its stream, so it is dropped with the stream when the peer resets
 * it or the connection closes.
 */
final class Http2BodyStreamer implements Runnable {

    /** One DATA frame at the default SETTINGS_MAX_FRAME_SIZE, so the encoder never has to split. */
    static final int CHUNK = 16 * 1024;

    private final Http2RequestListener owner;
    private final ChannelHandlerContext ctx;
    private final Http2ConnectionEncoder encoder;
    private final Http2Stream stream;
    private final boolean goAwayAfter;
    private long remaining;
    private boolean resumeScheduled;

    Http2BodyStreamer(Http2RequestListener owner, ChannelHandlerContext ctx, Http2ConnectionEncoder encoder,
                      Http2Stream stream, long length, boolean goAwayAfter) {
        this.owner = owner;
        this.ctx = ctx;
        this.encoder = encoder;
        this.stream = stream;
        this.remaining = length;
        this.goAwayAfter = goAwayAfter;
    }

    /** Queues as much body as the stream may take now; the last chunk ends the stream. */
    void writeSome() {
        Http2RemoteFlowController flow = encoder.flowController();
        while (remaining > 0 && flow.isWritable(stream)) {
            int n = (int) Math.min(remaining, CHUNK);
            remaining -= n;
            encoder.writeData(ctx, stream.id(), Unpooled.wrappedBuffer(ResponseBodies.filler(n)), 0, remaining == 0, ctx.newPromise());
        }
        if (remaining == 0) {
            owner.bodyFinished(ctx, stream, goAwayAfter);
        }
    }

    /**
     * Called by the flow controller when the stream's writability flips. Resuming is deferred to
     * a task: the notification arrives in the middle of the controller's own bookkeeping, where
     * queueing more frames is not safe.
     */
    void writabilityChanged() {
        if (!resumeScheduled && remaining > 0 && encoder.flowController().isWritable(stream)) {
            resumeScheduled = true;
            ctx.executor().execute(this);
        }
    }

    /** The deferred resume. */
    @Override
    public void run() {
        resumeScheduled = false;
        if (remaining == 0 || !stream.state().localSideOpen() || !ctx.channel().isActive()) {
            return;
        }
        writeSome();
        owner.flushSoon(ctx);
    }
}
