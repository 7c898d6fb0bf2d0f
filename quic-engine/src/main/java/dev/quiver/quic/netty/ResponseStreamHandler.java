package dev.quiver.quic.netty;

import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.http3.FramePayload;
import dev.quiver.http3.FrameSplitter;
import dev.quiver.http3.H3Error;
import dev.quiver.http3.RejectedRequest;
import dev.quiver.http3.ResponseProgress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.QuicException;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * The response side of one request stream, read from the raw QUIC stream: its frames split as they
 * arrive ({@link FrameSplitter}) and checked by {@link ResponseProgress}, mapped onto the stream's
 * record (status and first byte on the final HEADERS, bytes on DATA, COMPLETED when the peer ends
 * the stream between frames); resets and errors onto terminal states. One instance per stream.
 */
final class ResponseStreamHandler extends ChannelInboundHandlerAdapter implements FrameSplitter.Frames {

    /** The longest HEADERS frame a response may have; a longer one would fill the heap. */
    static final int MAX_HEADERS_BYTES = 64 * 1024;

    private final Http3ClientConnection connection;
    private final FrameSplitter frames = new FrameSplitter();
    private final ResponseProgress progress = new ResponseProgress(MAX_HEADERS_BYTES);
    private FramePayload current;
    private StreamRecord record;
    private boolean broken;

    ResponseStreamHandler(Http3ClientConnection connection) {
        this.connection = connection;
    }

    /** Binds the tracker's record once the stream has its id. */
    void attach(StreamRecord record) {
        this.record = record;
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
            broken(ctx, e);
        } finally {
            in.release();
        }
    }

    @Override
    public boolean begin(long type, long length) throws H3Error {
        current = progress.frame(type, length);
        return current == FramePayload.HEADERS;
    }

    @Override
    public void payload(byte[] buf, int off, int len) throws H3Error {
        if (progress.headers(buf, off, len) && live()) {
            record.onResponseHeaders(progress.status(), System.nanoTime());
        }
    }

    @Override
    public void skipped(int n) {
        if (current == FramePayload.DATA && live()) {
            record.addBytesIn(n);
        }
    }

    /** The peer's FIN: with our own FIN sent, Netty closes the stream right after this. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt != ChannelInputShutdownReadComplete.INSTANCE) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (broken || !live()) {
            ctx.close();
            return;
        }
        if (!frames.atFrameBoundary()) {
            connection.endStream(record, StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError("response ended early"));
        } else {
            try {
                progress.end();
                connection.endStream(record, StreamState.COMPLETED, null);
            } catch (H3Error e) {
                connection.endStream(record, StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError(H3Failures.describe(e)));
            }
        }
        ctx.close();
    }

    /**
     * The server broke HTTP/3 or QPACK on this stream: the stream ends as PROTOCOL_ERROR. A malformed
     * message is the stream's fault only (RFC 9114, 4.1.2): it is reset. The rest are connection
     * errors (RFC 9114, 7.1; RFC 9204, 2.2): the connection closes with their code.
     */
    private void broken(ChannelHandlerContext ctx, H3Error e) {
        broken = true;
        if (live()) {
            connection.endStream(record, StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError(H3Failures.describe(e)));
        }
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        if (H3Failures.isStreamError(e)) {
            stream.shutdown((int) e.code()).addListener(f -> stream.close());
        } else {
            connection.onConnectionError(e.code(), e.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (live()) {
            if (cause instanceof QuicStreamResetException reset) {
                long code = reset.applicationProtocolCode();
                if (code == H3Failures.H3_REQUEST_REJECTED) {
                    refuseAfterGoawayRead(ctx, code);
                } else {
                    connection.endStream(record, StreamState.RESET_BY_PEER, ErrorCategory.resetByPeer("RESET_STREAM", Http3ErrorNames.h3(code)));
                }
            } else if (!connection.closing()) {
                String what = cause instanceof QuicException q
                        ? "stream error " + (q.error() == null ? q.getClass().getSimpleName() : q.error().name())
                        : "stream " + cause.getClass().getSimpleName();
                connection.endStream(record, StreamState.CONNECTION_LOST, ErrorCategory.connectionLost(what));
            }
        }
        ctx.close();
    }

    /** REFUSED, to be retried, once a GOAWAY that came with the reset can have been read ({@link RejectedRequest}). */
    private void refuseAfterGoawayRead(ChannelHandlerContext ctx, long code) {
        StreamRecord r = record;
        record = null; // this handler is done with it: the stream's close must not end it otherwise
        ctx.channel().parent().eventLoop().schedule(() -> connection.failIfLive(r, StreamState.REFUSED,
                ErrorCategory.refused("RESET_STREAM", Http3ErrorNames.h3(code))), RejectedRequest.GOAWAY_READ_WAIT_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // A stream that closes under a closing connection is left to the connection's sweep, which
        // knows why (CONNECTION_CLOSE, idle timeout, end of run). Otherwise it closed without its end.
        if (live() && !connection.closing()) {
            connection.endStream(record, StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError("stream closed without response end"));
        }
        ctx.fireChannelInactive();
    }

    private boolean live() {
        return record != null && !record.isEnded();
    }
}
