package dev.quiver.server.tcp;

import dev.quiver.server.fault.Fault;
import dev.quiver.server.fault.FaultSchedule;
import dev.quiver.server.metrics.ServerCounters;
import dev.quiver.server.route.ResponseBodies;
import dev.quiver.server.route.Route;
import dev.quiver.server.route.Routes;
import dev.quiver.server.route.StreamedBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Stream;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns the HTTP/2 requests of one connection into responses (and faults).
 *
 * <p>Per-request state exists only while a request needs it and is kept as a property of its
 * {@link Http2Stream}: a request whose body is still arriving, a body being streamed, or a delay
 * timer. Netty drops the stream, and with it the property, when the stream closes for any reason
 * (completed, reset by the peer, connection gone); {@link #streamClosed} also cancels a pending
 * timer, and closes a body being streamed (and so its file). Requests without a body and with a
 * small answer (the common case) leave no state at all.
 */
final class Http2RequestListener extends Http2FrameAdapter implements Http2RemoteFlowController.Listener {

    /** A request whose head has arrived but whose body has not ended yet. */
    private record PendingRequest(Route route, Fault fault, boolean head) {
    }

    private final Http2ServerHandler handler;
    private final Http2Connection connection;
    private final Http2ConnectionEncoder encoder;
    private final ServerCounters stats;
    private final FaultSchedule faults;
    private final Http2Connection.PropertyKey taskKey;
    /** A flush task is queued on the event loop (see {@link #flushSoon}). */
    private boolean flushScheduled;

    private final dev.quiver.server.fault.InjectedLeaks leaks;
    private final Routes routes;

    Http2RequestListener(Http2ServerHandler handler, Http2ConnectionEncoder encoder, ServerCounters stats,
                         FaultSchedule faults, dev.quiver.server.fault.InjectedLeaks leaks, Routes routes) {
        this.leaks = leaks;
        this.routes = routes;
        this.handler = handler;
        this.connection = encoder.connection();
        this.encoder = encoder;
        this.stats = stats;
        this.faults = faults;
        this.taskKey = connection.newKey();
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                              boolean endOfStream) {
        if (!ctx.channel().isActive()) {
            // Closed by a fault earlier in this read batch; the decoder still hands us what it had.
            return;
        }
        Http2Stream stream = connection.stream(streamId);
        if (stream == null) {
            return;
        }
        if (stream.getProperty(taskKey) instanceof PendingRequest pending) {
            // Trailers of a request with a body.
            if (endOfStream) {
                stream.removeProperty(taskKey);
                respond(ctx, stream, pending.route(), pending.fault(), pending.head());
            }
            return;
        }
        stats.requestReceived();
        leaks.requestReceived();
        Fault fault = faults.next();
        if (fault != null) {
            stats.faultInjected(fault);
            if (fault == Fault.CLOSE) {
                // This context's close() goes to the handlers before the HTTP/2 handler, skipping
                // its graceful GOAWAY: the peer just sees the connection end (after a TLS
                // close_notify on the TLS port).
                ctx.close();
                return;
            }
        }
        Route route = fault == Fault.STALL ? null : routes.of(headers.path());
        CharSequence method = headers.method();
        boolean head = method != null && HttpMethod.HEAD.asciiName().contentEquals(method);
        if (endOfStream) {
            respond(ctx, stream, route, fault, head);
        } else {
            stream.setProperty(taskKey, new PendingRequest(route, fault, head));
        }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                              short weight, boolean exclusive, int padding, boolean endOfStream) {
        onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        // Request bodies are discarded; reporting them processed returns the flow-control credit.
        int processed = data.readableBytes() + padding;
        if (endOfStream && ctx.channel().isActive()) {
            Http2Stream stream = connection.stream(streamId);
            if (stream != null && stream.removeProperty(taskKey) instanceof PendingRequest pending) {
                respond(ctx, stream, pending.route(), pending.fault(), pending.head());
            }
        }
        return processed;
    }

    /** Answers a complete request; a HEAD request gets the same headers and no body. */
    private void respond(ChannelHandlerContext ctx, Http2Stream stream, Route route, Fault fault, boolean head) {
        if (fault == Fault.STALL) {
            // Never answered; the stream stays open until the peer resets it or goes away.
            return;
        }
        if (fault == Fault.RESET) {
            resetMidBody(ctx, stream.id());
            return;
        }
        boolean goAwayAfter = fault == Fault.GOAWAY;
        int id = stream.id();
        switch (route) {
            case Route.Fixed fixed -> {
                writeFixed(ctx, id, fixed, head);
                completed(ctx, goAwayAfter);
            }
            case Route.Streamed streamed -> startBody(ctx, stream, streamed, head, goAwayAfter);
            case Route.Delay delay -> stream.setProperty(taskKey, ctx.executor().schedule(
                    () -> delayElapsed(ctx, id, goAwayAfter, head), delay.millis(), TimeUnit.MILLISECONDS));
        }
    }

    private void startBody(ChannelHandlerContext ctx, Http2Stream stream, Route.Streamed route, boolean head,
                           boolean goAwayAfter) {
        StreamedBody body;
        try {
            body = StreamedBody.open(route);
        } catch (IOException e) {
            // The file went away between its look-up and now.
            writeFixed(ctx, stream.id(), Route.Fixed.NOT_FOUND, head);
            completed(ctx, goAwayAfter);
            return;
        }
        boolean noBody = head || body.remaining() == 0;
        encoder.writeHeaders(ctx, stream.id(), Http2Responses.octetStream(body.length()), 0, noBody, ctx.newPromise());
        if (noBody) {
            body.close();
            completed(ctx, goAwayAfter);
            return;
        }
        Http2BodyStreamer streamer = new Http2BodyStreamer(this, ctx, encoder, stream, body, goAwayAfter);
        if (body.remaining() > Http2BodyStreamer.CHUNK) {
            // Only a body of more than one chunk may have to wait for the window.
            stream.setProperty(taskKey, streamer);
        }
        streamer.writeSome();
    }

    private void writeFixed(ChannelHandlerContext ctx, int streamId, Route.Fixed route, boolean head) {
        encoder.writeHeaders(ctx, streamId, Http2Responses.fixed(route), 0, head, ctx.newPromise());
        if (!head) {
            encoder.writeData(ctx, streamId, Unpooled.wrappedBuffer(ResponseBodies.body(route)), 0, true, ctx.newPromise());
        }
    }

    /**
     * HEADERS promising the full hello body, half of it, then RST_STREAM(INTERNAL_ERROR): what a
     * server failing mid-response sends (CANCEL would claim the response is no longer wanted).
     */
    private void resetMidBody(ChannelHandlerContext ctx, int streamId) {
        encoder.writeHeaders(ctx, streamId, Http2Responses.resetHead(), 0, false, ctx.newPromise());
        encoder.writeData(ctx, streamId, Unpooled.wrappedBuffer(ResponseBodies.partialHello()), 0, false, ctx.newPromise());
        // DATA waits in the flow controller until a flush; resetting first would discard it.
        handler.flush(ctx);
        handler.resetStream(ctx, streamId, Http2Error.INTERNAL_ERROR.code(), ctx.newPromise());
    }

    private void delayElapsed(ChannelHandlerContext ctx, int streamId, boolean goAwayAfter, boolean head) {
        Http2Stream stream = connection.stream(streamId);
        if (stream == null || !stream.state().localSideOpen() || !ctx.channel().isActive()) {
            return;
        }
        stream.removeProperty(taskKey);
        writeFixed(ctx, streamId, Route.Fixed.HELLO, head);
        flushSoon(ctx);
        completed(ctx, goAwayAfter);
    }

    /** The last body chunk of a streamed response is queued. */
    void bodyFinished(ChannelHandlerContext ctx, Http2Stream stream, boolean goAwayAfter) {
        stream.removeProperty(taskKey);
        completed(ctx, goAwayAfter);
    }

    /**
     * A streamed body could not be read to its announced length (its file shrank or failed):
     * RST_STREAM(INTERNAL_ERROR), as for a server failing mid-response.
     */
    void bodyFailed(ChannelHandlerContext ctx, Http2Stream stream) {
        stream.removeProperty(taskKey);
        handler.resetStream(ctx, stream.id(), Http2Error.INTERNAL_ERROR.code(), ctx.newPromise());
        flushSoon(ctx);
    }

    /**
     * Flushes after the tasks already queued on the event loop have run. Responses written outside
     * a read (delay timers that fire together, bodies resuming on WINDOW_UPDATE) have nobody to
     * flush them; flushing each one would cost a write syscall per response, this costs one per
     * burst.
     */
    void flushSoon(ChannelHandlerContext ctx) {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                handler.flush(ctx);
            });
        }
    }

    private void completed(ChannelHandlerContext ctx, boolean goAwayAfter) {
        stats.responseCompleted();
        if (goAwayAfter) {
            handler.goAwayGracefully(ctx);
        }
    }

    @Override
    public void writabilityChanged(Http2Stream stream) {
        if (stream.getProperty(taskKey) instanceof Http2BodyStreamer streamer) {
            streamer.writabilityChanged();
        }
    }

    /** A stream closed for whatever reason: stop its timer or close its body so nothing of it outlives it. */
    void streamClosed(Http2Stream stream) {
        switch (stream.removeProperty(taskKey)) {
            case ScheduledFuture<?> timer -> timer.cancel(false);
            case Http2BodyStreamer streamer -> streamer.close();
            case null, default -> {
            }
        }
    }
}
