package dev.quiver.server.tcp;

import dev.quiver.server.route.StreamedBody;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Stream;
import java.io.IOException;

/**
 * Streams one {@link StreamedBody} ({@code /bytes/N}, a file) on one HTTP/2 stream without
 * holding it: it queues DATA only while the flow controller reports the stream writable (peer
 * window and channel both have room) and resumes when it becomes writable again.
 *
 * <p>It lives as a property of its stream and is closed, with its body, when the last chunk is
 * queued, when the body cannot be read (the stream is then reset) or when the stream closes for
 * any other reason ({@link Http2RequestListener#streamClosed}).
 */
final class Http2BodyStreamer implements Runnable {

    /** One DATA frame at the default SETTINGS_MAX_FRAME_SIZE, so the encoder never has to split. */
    static final int CHUNK = 16 * 1024;

    private final Http2RequestListener owner;
    private final ChannelHandlerContext ctx;
    private final Http2ConnectionEncoder encoder;
    private final Http2Stream stream;
    private final boolean goAwayAfter;
    private final StreamedBody body;
    private boolean resumeScheduled;
    private boolean closed;

    Http2BodyStreamer(Http2RequestListener owner, ChannelHandlerContext ctx, Http2ConnectionEncoder encoder,
                      Http2Stream stream, StreamedBody body, boolean goAwayAfter) {
        this.owner = owner;
        this.ctx = ctx;
        this.encoder = encoder;
        this.stream = stream;
        this.body = body;
        this.goAwayAfter = goAwayAfter;
    }

    /**
     * Queues as much body as the stream may take now; the last chunk ends the stream. The last
     * chunk is queued whatever the window: the flow controller then holds at most that one frame,
     * and a body of one chunk never needs a resume, hence no state on its stream.
     */
    void writeSome() {
        Http2RemoteFlowController flow = encoder.flowController();
        while (!closed && (flow.isWritable(stream) || body.remaining() <= CHUNK)) {
            ByteBuf chunk;
            try {
                chunk = body.next(CHUNK, ctx.alloc());
            } catch (IOException e) {
                close();
                owner.bodyFailed(ctx, stream);
                return;
            }
            boolean last = body.remaining() == 0;
            encoder.writeData(ctx, stream.id(), chunk, 0, last, ctx.newPromise());
            if (last) {
                close();
                owner.bodyFinished(ctx, stream, goAwayAfter);
            }
        }
    }

    /** Frees the body; nothing more is written. */
    void close() {
        closed = true;
        body.close();
    }

    /**
     * Called by the flow controller when the stream's writability flips. Resuming is deferred to
     * a task: the notification arrives in the middle of the controller's own bookkeeping, where
     * queueing more frames is not safe.
     */
    void writabilityChanged() {
        if (!resumeScheduled && !closed && encoder.flowController().isWritable(stream)) {
            resumeScheduled = true;
            ctx.executor().execute(this);
        }
    }

    /** The deferred resume. */
    @Override
    public void run() {
        resumeScheduled = false;
        if (closed || !stream.state().localSideOpen() || !ctx.channel().isActive()) {
            return;
        }
        writeSome();
        owner.flushSoon(ctx);
    }
}
