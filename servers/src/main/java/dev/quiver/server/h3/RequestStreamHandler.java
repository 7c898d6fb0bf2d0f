package dev.quiver.server.h3;

import dev.quiver.http3.FramePayload;
import dev.quiver.http3.FrameSplitter;
import dev.quiver.http3.H3Error;
import dev.quiver.http3.RequestHeaders;
import dev.quiver.http3.RequestProgress;
import dev.quiver.server.fault.Fault;
import dev.quiver.server.route.Route;
import dev.quiver.server.route.Routes;
import dev.quiver.server.route.StreamedBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers the one request of one HTTP/3 request stream (or injects its fault), reading the
 * stream's bytes raw: frames split as they arrive ({@link FrameSplitter}), checked in order and
 * the HEADERS decoded ({@link RequestProgress}, static-table QPACK), request bodies counted past.
 * A new instance per stream, so whatever it holds (route, body still to stream, a timer) goes away
 * with the stream; {@link #channelInactive} cancels a pending timer and closes a body (and so its
 * file). A frame out of place or a field section that does not decode is a connection error with
 * its code; a malformed request (no {@code :method} or {@code :path}) resets this stream only.
 *
 * <p>Routes as the TCP server: {@code /}, {@code /bytes/N} and the files of {@code --www}
 * (streamed: a chunk is written only while the stream is writable, i.e. quiche has send capacity
 * for it), {@code /delay/MS}, 404 and 400; fixed responses are bytes built once
 * ({@link Http3Responses}). The answer goes out, with its FIN, when the request's FIN arrives.
 */
final class RequestStreamHandler extends ChannelInboundHandlerAdapter implements FrameSplitter.Frames {

    /** How often a stalled stream checks that the client still wants it. */
    static final long STALL_PROBE_MILLIS = 1000;
    /** A reserved frame type (0x1f * N + 0x21, RFC 9114 section 7.2.8) that receivers ignore. */
    private static final byte[] GREASE_FRAME = {0x21, 0x00};
    /** Streamed bodies are written in DATA frames of at most this size. */
    private static final int CHUNK = 32 * 1024;
    /** The longest request HEADERS payload accepted. */
    private static final int MAX_HEADERS_BYTES = 64 * 1024;

    private final ConnectionState connection;
    private final Routes routes;
    private final FrameSplitter frames = new FrameSplitter();
    private final RequestProgress progress = new RequestProgress(MAX_HEADERS_BYTES);
    private FramePayload current;
    private ChannelHandlerContext ctx;
    /** A connection or stream error ended this stream's HTTP/3: its bytes are dropped unread. */
    private boolean broken;
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
        this.ctx = ctx;
        connection.streamOpened((QuicStreamChannel) ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (!broken) {
                frames.read(in, this);
            }
        } catch (H3Error e) {
            failed(e);
        } finally {
            in.release();
        }
    }

    private void failed(H3Error e) {
        broken = true;
        if (e.code() == H3Error.H3_MESSAGE_ERROR) {
            // A malformed request is an error of its stream (RFC 9114, 4.1.2).
            answered = true;
            reset(H3Error.H3_MESSAGE_ERROR);
        } else {
            connection.connectionError(e.code(), e.getMessage());
        }
    }

    @Override
    public boolean begin(long type, long length) throws H3Error {
        current = progress.frame(type, length);
        return current == FramePayload.HEADERS;
    }

    @Override
    public void payload(byte[] buf, int off, int len) throws H3Error {
        RequestHeaders request = progress.headers(buf, off, len);
        if (request != null) {
            headers(request);
        }
    }

    @Override
    public void skipped(int n) {
        // request body and unknown frames: read and dropped
    }

    private void headers(RequestHeaders request) {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        if (!connection.admit(stream)) {
            answered = true;
            broken = true;
            // At or above our GOAWAY id: never processed, so the client may safely retry it.
            reset(H3Error.H3_REQUEST_REJECTED);
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
        route = routes.of(request.path());
        head = "HEAD".equals(request.method());
    }

    /** RESET_STREAM and STOP_SENDING with {@code code}; a reset stream never sees our FIN, so close it. */
    private void reset(long code) {
        ((QuicStreamChannel) ctx.channel()).shutdown((int) code).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
            inputClosed();
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void inputClosed() {
        if (broken || answered) {
            return;
        }
        if (!frames.atFrameBoundary()) {
            // RFC 9114, 7.1: a stream that ends inside a frame is a connection error.
            failed(new H3Error(H3Error.H3_FRAME_ERROR, "request stream ended inside a frame"));
            return;
        }
        answered = true;
        if (!admitted) {
            // FIN without HEADERS: nothing to answer, but the stream (and the client's credit)
            // would stay until the connection ends unless we end our side too.
            reset(H3Error.H3_REQUEST_INCOMPLETE);
            return;
        }
        switch (fault) {
            case STALL -> timer = ctx.executor().scheduleWithFixedDelay(this::probeStalled,
                    STALL_PROBE_MILLIS, STALL_PROBE_MILLIS, TimeUnit.MILLISECONDS);
            case RESET -> resetMidBody();
            case null, default -> respond();
        }
    }

    private void respond() {
        switch (route) {
            case Route.Fixed fixed -> writeFixed(fixed);
            case Route.Streamed streamed -> startBody(streamed);
            case Route.Delay d -> timer = ctx.executor().schedule(() -> {
                timer = null;
                if (ctx.channel().isActive()) {
                    writeFixed(Route.Fixed.HELLO);
                }
            }, d.millis(), TimeUnit.MILLISECONDS);
        }
    }

    private void writeFixed(Route.Fixed fixed) {
        ctx.writeAndFlush(new DefaultQuicStreamFrame(Http3Responses.fixed(fixed, head), true));
        finish();
    }

    private void startBody(Route.Streamed route) {
        StreamedBody opened;
        try {
            opened = StreamedBody.open(route);
        } catch (IOException e) {
            // The file went away between its look-up and now.
            writeFixed(Route.Fixed.NOT_FOUND);
            return;
        }
        if (head || opened.remaining() == 0) {
            long length = opened.length();
            opened.close();
            ctx.writeAndFlush(new DefaultQuicStreamFrame(Http3Responses.streamedHead(length), true));
            finish();
            return;
        }
        ctx.write(Http3Responses.streamedHead(opened.length())).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        body = opened;
        writeBody();
    }

    /** Writes chunks while the stream is writable; {@link #channelWritabilityChanged} resumes. */
    private void writeBody() {
        while (body != null && ctx.channel().isWritable()) {
            ByteBuf chunk;
            try {
                chunk = body.next(CHUNK, ctx.alloc());
            } catch (IOException e) {
                // The file cannot be read to its announced length: RESET_STREAM(H3_INTERNAL_ERROR),
                // as a server failing mid-response; a reset stream never sees our FIN, so close it.
                closeBody();
                ((QuicStreamChannel) ctx.channel()).shutdownOutput((int) H3Error.H3_INTERNAL_ERROR)
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            boolean last = body.remaining() == 0;
            ctx.write(Http3Responses.dataHeader(chunk.readableBytes()));
            if (last) {
                closeBody();
                ctx.writeAndFlush(new DefaultQuicStreamFrame(chunk, true));
                finish();
            } else {
                ctx.writeAndFlush(chunk).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }

    private void closeBody() {
        if (body != null) {
            body.close();
            body = null;
        }
    }

    /** The last bytes of a response are queued with the FIN: count the response (and maybe GOAWAY). */
    private void finish() {
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
    private void resetMidBody() {
        ctx.writeAndFlush(Http3Responses.partialHello());
        // A reset stream never sees our FIN, so Netty would keep it open: close it once reset.
        ctx.executor().schedule(() -> ((QuicStreamChannel) ctx.channel())
                .shutdownOutput((int) H3Error.H3_INTERNAL_ERROR).addListener(ChannelFutureListener.CLOSE),
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
    private void probeStalled() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (lastProbe != null && !lastProbe.isSuccess()) {
            ctx.close();
            return;
        }
        lastProbe = ctx.writeAndFlush(Unpooled.wrappedBuffer(GREASE_FRAME));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (body != null && ctx.channel().isWritable()) {
            writeBody();
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
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The client reset or stopped the stream (e.g. its watchdog gave up on a stall), or the
        // connection went under it: forget the stream.
        ctx.close();
    }
}
