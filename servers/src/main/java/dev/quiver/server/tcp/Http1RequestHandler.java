package dev.quiver.server.tcp;

import dev.quiver.server.fault.Fault;
import dev.quiver.server.fault.FaultSchedule;
import dev.quiver.server.metrics.ServerCounters;
import dev.quiver.server.route.ResponseBodies;
import dev.quiver.server.route.Route;
import dev.quiver.server.route.Routes;
import dev.quiver.server.route.StreamedBody;
import dev.quiver.server.tcp.Http1Responses.ConnectionMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers HTTP/1.1 requests on one connection, one at a time and in order.
 *
 * <p>Most responses are written at once and flushed when the read batch ends. A response that
 * cannot finish at once (a delay, or a body larger than the channel will take) pauses reading:
 * pipelined requests behind it wait in the {@code FlowControlHandler} before this handler, so
 * responses stay in request order and nothing is buffered beyond one socket read.
 *
 * <p>Request bodies are read and dropped; the response is written once the request has been read
 * completely, so the connection stays usable afterwards.
 */
final class Http1RequestHandler extends ChannelInboundHandlerAdapter {

    private final ServerCounters stats;
    private final FaultSchedule faults;
    private final dev.quiver.server.fault.InjectedLeaks leaks;
    private final Routes routes;

    // The request being read: set by its head, consumed by its end.
    private Route route;
    private Fault fault;
    private ConnectionMode mode;
    private boolean head;

    /** Set once the connection is doomed (closing, stalled, cut off): all further input is dropped. */
    private boolean ignoreInput;
    /** Reading is paused while a response is in progress outside the read that started it. */
    private boolean paused;
    /** The body of a streamed response ({@code /bytes/N}, a file) while it is being written; closed at its end. */
    private StreamedBody body;
    /** From an admitted request's head to its response's end; a stalled request stays answered forever. */
    private boolean answering;
    /** Pending {@code /delay/MS} timer, cancelled if the connection closes first. */
    private ScheduledFuture<?> delayed;

    Http1RequestHandler(ServerCounters stats, FaultSchedule faults, dev.quiver.server.fault.InjectedLeaks leaks,
                        Routes routes) {
        this.routes = routes;
        this.stats = stats;
        this.faults = faults;
        this.leaks = leaks;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (ignoreInput) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                onRequestHead(ctx, request);
            } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
                // Broken chunk encoding: the stream cannot be resynchronised.
                ignoreInput = true;
                ctx.close();
                return;
            }
            if (msg instanceof LastHttpContent && route != null) {
                onRequestEnd(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** True while a request of this connection is being answered (or stalled on purpose). */
    boolean answering() {
        return answering;
    }

    private void onRequestHead(ChannelHandlerContext ctx, HttpRequest request) {
        answering = true;
        stats.requestReceived();
        leaks.requestReceived();
        if (request.decoderResult().isFailure()) {
            // Malformed request line or headers: the decoder discards the rest, so answer and close.
            route = Route.Fixed.BAD_REQUEST;
            fault = null;
            mode = ConnectionMode.CLOSE;
            return;
        }
        Fault f = faults.next();
        if (f != null) {
            stats.faultInjected(f);
        }
        if (f == Fault.CLOSE) {
            ignoreInput = true;
            ctx.close();
            return;
        }
        if (f == Fault.STALL) {
            // Never answer. Keep reading (and dropping) so the client's close is noticed and the
            // connection freed; later pipelined requests can never be answered in order anyway.
            ignoreInput = true;
            return;
        }
        route = routes.of(request.uri());
        fault = f;
        mode = ConnectionMode.of(request, f == Fault.GOAWAY);
        head = HttpMethod.HEAD.equals(request.method());
    }

    private void onRequestEnd(ChannelHandlerContext ctx) {
        Route r = route;
        route = null;
        if (fault == Fault.RESET) {
            ignoreInput = true;
            ctx.write(Http1Responses.resetHead());
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(ResponseBodies.partialHello()))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        switch (r) {
            case Route.Fixed fixed -> finish(ctx, ctx.write(Http1Responses.fixed(fixed, mode)));
            case Route.Streamed streamed -> startBody(ctx, streamed);
            case Route.Delay delay -> {
                pause(ctx);
                delayed = ctx.executor().schedule(() -> delayElapsed(ctx), delay.millis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void delayElapsed(ChannelHandlerContext ctx) {
        delayed = null;
        if (ctx.channel().isActive()) {
            finish(ctx, ctx.write(Http1Responses.fixed(Route.Fixed.HELLO, mode)));
        }
    }

    private void startBody(ChannelHandlerContext ctx, Route.Streamed route) {
        StreamedBody opened;
        try {
            opened = StreamedBody.open(route);
        } catch (IOException e) {
            // The file went away between its look-up and now.
            finish(ctx, ctx.write(Http1Responses.fixed(Route.Fixed.NOT_FOUND, mode)));
            return;
        }
        ctx.write(Http1Responses.octetStreamHead(opened.length(), mode));
        if (head || opened.remaining() == 0) {
            // HEAD: the codec would drop the body anyway; do not read it.
            opened.close();
            finish(ctx, ctx.write(LastHttpContent.EMPTY_LAST_CONTENT));
            return;
        }
        body = opened;
        writeBody(ctx);
    }

    /** Writes body chunks while the channel takes them; the rest follows on writability changes. */
    private void writeBody(ChannelHandlerContext ctx) {
        while (ctx.channel().isWritable()) {
            ByteBuf chunk;
            try {
                chunk = body.next(ResponseBodies.MAX_FILLER, ctx.alloc());
            } catch (IOException e) {
                // The file cannot be read to its announced length: all a client can be told is
                // that the body is cut off, which on HTTP/1.1 is the connection closing early: after
                // what was written (the head, the chunks so far) has gone out, or the client would see
                // no response at all.
                closeBody();
                ignoreInput = true;
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (body.remaining() == 0) {
                closeBody();
                finish(ctx, ctx.write(new DefaultLastHttpContent(chunk)));
                return;
            }
            ctx.write(new DefaultHttpContent(chunk));
        }
        if (paused) {
            ctx.flush();
        } else {
            pause(ctx);
        }
    }

    /** The response is fully written (not necessarily flushed): count it and go on or close. */
    private void finish(ChannelHandlerContext ctx, ChannelFuture lastWrite) {
        answering = false;
        stats.responseCompleted();
        if (mode == ConnectionMode.CLOSE) {
            ignoreInput = true;
            ctx.flush();
            lastWrite.addListener(ChannelFutureListener.CLOSE);
        } else if (paused) {
            resume(ctx);
        }
        // Otherwise we are inside a read: channelReadComplete flushes the whole batch at once.
    }

    private void pause(ChannelHandlerContext ctx) {
        paused = true;
        ctx.channel().config().setAutoRead(false);
        // Flush now: with reading paused no channelReadComplete will come to flush earlier responses.
        // Reading is paused first: the socket may drain within this flush, and the writability
        // events it fires may finish the body and resume reading, which must then stand.
        ctx.flush();
    }

    private void resume(ChannelHandlerContext ctx) {
        paused = false;
        // Turning auto-read on replays the requests queued meanwhile, synchronously, through
        // channelRead; their responses are flushed right after.
        ctx.channel().config().setAutoRead(true);
        ctx.flush();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (body != null && ctx.channel().isWritable()) {
            writeBody(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ScheduledFuture<?> timer = delayed;
        if (timer != null) {
            delayed = null;
            timer.cancel(false);
        }
        closeBody();
        ctx.fireChannelInactive();
    }

    private void closeBody() {
        if (body != null) {
            body.close();
            body = null;
        }
    }
}
