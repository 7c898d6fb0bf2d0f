package dev.quiver.server.h3;

import dev.quiver.server.fault.Fault;
import dev.quiver.server.route.ResponseBodies;
import dev.quiver.server.route.Route;
import dev.quiver.server.route.Routes;
import dev.quiver.server.route.StreamedBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.DefaultHttp3UnknownFrame;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3Exception;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicException;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers the one request of one HTTP/3 request stream (or injects its fault). A new instance
 * per stream, so whatever it holds (route, body still to stream, a timer) goes away with the
 * stream; {@link #channelInactive} cancels a pending timer and closes a body (and so its file).
 *
 * <p>Routes as the TCP server: {@code /}, {@code /bytes/N} and the files of {@code --www}
 * (streamed: a chunk is written only while the stream is writable, i.e. quiche has send capacity
 * for it), {@code /delay/MS}, 404 and 400. Request bodies are read and dropped; the answer goes
 * out when the request's FIN arrives.
 */
final class RequestStreamHandler extends Http3RequestStreamInboundHandler {

    /** How often a stalled stream checks that the client still wants it. */
    static final long STALL_PROBE_MILLIS = 1000;
    /**
     * A reserved frame type (0x1f * N + 0x21, RFC 9114 section 7.2.8) that receivers ignore; N = 1,
     * as Netty's {@code DefaultHttp3UnknownFrame} refuses 0x21 (N = 0) with an exception, which in a
     * periodic task silently ends the task.
     */
    private static final long GREASE_FRAME_TYPE = 0x40;
    /** Streamed bodies are written in DATA frames of at most this size. */
    private static final int CHUNK = 32 * 1024;

    private final ConnectionState connection;
    private final Routes routes;
    /** The request was admitted and counts as open on the connection. */
    private boolean admitted;
    private Route route;
    private Fault fault;
    private boolean head;
    private boolean answered;
    /** The body being streamed, until its last chunk is written or the stream goes. */
    private StreamedBody body;
    /** The {@code /delay/MS} timer or the stall probe; cancelled when the stream goes. */
    private ScheduledFuture<?> timer;
    /** The stall probe written last (see {@link #probeStalled}). */
    private ChannelFuture lastProbe;

    RequestStreamHandler(ConnectionState connection, Routes routes) {
        this.connection = connection;
        this.routes = routes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection.streamOpened((QuicStreamChannel) ctx.channel());
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
        try {
            if (admitted || answered) {
                return; // trailers: nothing to do
            }
            QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
            if (!connection.admit(stream)) {
                answered = true;
                // At or above our GOAWAY id: never processed, so the client may safely retry it.
                // Netty keeps a stream open until our FIN, which a reset stream never gets: close it.
                stream.shutdown(Http3ErrorCode.H3_REQUEST_REJECTED.code()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            admitted = true;
            fault = connection.nextFault();
            if (fault == Fault.CLOSE) {
                answered = true;
                connection.closeAbruptly();
                return;
            }
            if (fault == Fault.SILENT_CLOSE) {
                answered = true;
                connection.closeSilently();
                return;
            }
            Http3Headers headers = frame.headers();
            route = routes.of(headers.path());
            CharSequence method = headers.method();
            head = method != null && HttpMethod.HEAD.asciiName().contentEquals(method);
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
        frame.release();
    }

    @Override
    protected void channelInputClosed(ChannelHandlerContext ctx) {
        if (!admitted && !answered) {
            // FIN without HEADERS: nothing to answer, but the stream (and the client's credit)
            // would stay until the connection ends unless we end our side too.
            answered = true;
            ((QuicStreamChannel) ctx.channel()).shutdown(Http3ErrorCode.H3_REQUEST_INCOMPLETE.code())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (answered) {
            return;
        }
        answered = true;
        switch (fault) {
            case STALL -> timer = ctx.executor().scheduleWithFixedDelay(() -> probeStalled(ctx),
                    STALL_PROBE_MILLIS, STALL_PROBE_MILLIS, TimeUnit.MILLISECONDS);
            case RESET -> resetMidBody(ctx);
            case null, default -> respond(ctx);
        }
    }

    private void respond(ChannelHandlerContext ctx) {
        switch (route) {
            case Route.Fixed fixed -> writeFixed(ctx, fixed);
            case Route.Streamed streamed -> startBody(ctx, streamed);
            case Route.Delay d -> timer = ctx.executor().schedule(() -> {
                timer = null;
                if (ctx.channel().isActive()) {
                    writeFixed(ctx, Route.Fixed.HELLO);
                }
            }, d.millis(), TimeUnit.MILLISECONDS);
        }
    }

    private void writeFixed(ChannelHandlerContext ctx, Route.Fixed fixed) {
        ChannelFuture written = ctx.write(headersFrame(fixed.status(), HttpHeaderValues.TEXT_PLAIN, ResponseBodies.length(fixed)));
        if (!head) {
            written = ctx.write(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(ResponseBodies.body(fixed))));
        }
        ctx.flush();
        finish(written);
    }

    private void startBody(ChannelHandlerContext ctx, Route.Streamed route) {
        StreamedBody opened;
        try {
            opened = StreamedBody.open(route);
        } catch (IOException e) {
            // The file went away between its look-up and now.
            writeFixed(ctx, Route.Fixed.NOT_FOUND);
            return;
        }
        ChannelFuture written = ctx.write(headersFrame(200, HttpHeaderValues.APPLICATION_OCTET_STREAM, opened.length()));
        if (head || opened.remaining() == 0) {
            opened.close();
            ctx.flush();
            finish(written);
            return;
        }
        written.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        body = opened;
        writeBody(ctx);
    }

    /** Writes chunks while the stream is writable; {@link #channelWritabilityChanged} resumes. */
    private void writeBody(ChannelHandlerContext ctx) {
        while (body != null && ctx.channel().isWritable()) {
            ByteBuf chunk;
            try {
                chunk = body.next(CHUNK, ctx.alloc());
            } catch (IOException e) {
                // The file cannot be read to its announced length: RESET_STREAM(H3_INTERNAL_ERROR),
                // as a server failing mid-response; a reset stream never sees our FIN, so close it.
                closeBody();
                ((QuicStreamChannel) ctx.channel()).shutdownOutput(Http3ErrorCode.H3_INTERNAL_ERROR.code())
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            boolean last = body.remaining() == 0;
            ChannelFuture written = ctx.writeAndFlush(new DefaultHttp3DataFrame(chunk));
            if (last) {
                closeBody();
                finish(written);
            } else {
                written.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }

    private void closeBody() {
        if (body != null) {
            body.close();
            body = null;
        }
    }

    /** The last frame of a response is queued: FIN after it, then count the response (and maybe GOAWAY). */
    private void finish(ChannelFuture lastWrite) {
        lastWrite.addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        connection.stats().responseCompleted();
        if (fault == Fault.GOAWAY) {
            connection.goAway();
        }
    }

    /**
     * HEADERS announcing the full hello body, half of it, then RESET_STREAM(H3_INTERNAL_ERROR):
     * what a server failing mid-response sends. The reset waits for a task after this read: quiche
     * discards unsent stream data on reset, and the packets of this read go out at its end.
     */
    private void resetMidBody(ChannelHandlerContext ctx) {
        ctx.write(headersFrame(200, HttpHeaderValues.TEXT_PLAIN, ResponseBodies.length(Route.Fixed.HELLO)));
        ctx.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(ResponseBodies.partialHello())));
        // A reset stream never sees our FIN, so Netty would keep it open: close it once reset.
        ctx.executor().schedule(() -> ((QuicStreamChannel) ctx.channel())
                .shutdownOutput(Http3ErrorCode.H3_INTERNAL_ERROR.code()).addListener(ChannelFutureListener.CLOSE),
                1, TimeUnit.MILLISECONDS);
    }

    /**
     * A stalled request is never answered, but its stream must not outlive the client's interest:
     * when the client cancels it (STOP_SENDING + RESET_STREAM), quiche frees the stream and returns
     * the credit, yet Netty tells the stream's handler nothing. So a stalled stream writes an empty
     * reserved (grease) frame, which HTTP/3 clients must ignore, every {@value #STALL_PROBE_MILLIS}
     * ms. quiche takes it at once while the stream lives; on a freed stream Netty keeps it queued
     * (or fails it), so a probe still pending at the next tick means the stream is gone: close it.
     */
    private void probeStalled(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (lastProbe != null && !lastProbe.isSuccess()) {
            ctx.close();
            return;
        }
        lastProbe = ctx.writeAndFlush(new DefaultHttp3UnknownFrame(GREASE_FRAME_TYPE, Unpooled.EMPTY_BUFFER));
    }

    private static Http3HeadersFrame headersFrame(int status, CharSequence contentType, long contentLength) {
        Http3HeadersFrame frame = new DefaultHttp3HeadersFrame();
        frame.headers().status(Integer.toString(status))
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(contentLength));
        return frame;
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
        closeBody();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (admitted) {
            admitted = false;
            connection.requestEnded();
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void handleQuicException(ChannelHandlerContext ctx, QuicException exception) {
        // The client reset or stopped the stream (e.g. its watchdog gave up on a stall): forget it.
        ctx.close();
    }

    @Override
    protected void handleHttp3Exception(ChannelHandlerContext ctx, Http3Exception exception) {
        // Malformed request: the codec has already reported it to the peer where the protocol says so.
        ctx.close();
    }
}
