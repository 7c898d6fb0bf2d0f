package dev.quiver.quic.netty;

import dev.quiver.core.engine.ResponseStatus;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3Exception;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicException;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.util.ReferenceCountUtil;

/**
 * The response side of one request stream: maps its frames onto the stream's record (status and
 * first byte on HEADERS, bytes on DATA, COMPLETED when the peer ends the stream) and its errors
 * onto terminal states. One instance per stream.
 */
final class ResponseStreamHandler extends Http3RequestStreamInboundHandler {

    private final Http3ClientConnection connection;
    private StreamRecord record;
    private boolean headersSeen;

    ResponseStreamHandler(Http3ClientConnection connection) {
        this.connection = connection;
    }

    /** Binds the tracker's record once the stream has its id. */
    void attach(StreamRecord record) {
        this.record = record;
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
        try {
            if (live() && !headersSeen) {
                int status = ResponseStatus.parse(frame.headers().status());
                if (status >= 100 && status < 200) {
                    return; // informational; the final headers follow
                }
                headersSeen = true;
                record.onResponseHeaders(status, System.nanoTime());
            }
            // Later HEADERS are trailers: nothing to record.
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
        try {
            if (live()) {
                record.addBytesIn(frame.content().readableBytes());
            }
        } finally {
            frame.release();
        }
    }

    @Override
    protected void channelInputClosed(ChannelHandlerContext ctx) {
        if (live()) {
            if (headersSeen) {
                connection.endStream(record, StreamState.COMPLETED, null);
            } else {
                connection.endStream(record, StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError("stream ended without response headers"));
            }
        }
        ctx.close();
    }

    @Override
    protected void handleQuicException(ChannelHandlerContext ctx, QuicException exception) {
        if (live()) {
            if (exception instanceof QuicStreamResetException reset) {
                long code = reset.applicationProtocolCode();
                if (code == Http3ErrorCode.H3_REQUEST_REJECTED.code()) {
                    connection.endStream(record, StreamState.REFUSED, ErrorCategory.refused("RESET_STREAM", Http3ErrorNames.h3(code)));
                } else {
                    connection.endStream(record, StreamState.RESET_BY_PEER, ErrorCategory.resetByPeer("RESET_STREAM", Http3ErrorNames.h3(code)));
                }
            } else if (!connection.closing()) {
                connection.endStream(record, StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("stream error " + (exception.error() == null ? exception.getClass().getSimpleName() : exception.error().name())));
            }
        }
        ctx.close();
    }

    @Override
    protected void handleHttp3Exception(ChannelHandlerContext ctx, Http3Exception exception) {
        if (live()) {
            Http3ErrorCode code = exception.errorCode();
            connection.endStream(record, StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError(Http3ErrorNames.h3(code.code())));
        }
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicException || cause instanceof Http3Exception) {
            super.exceptionCaught(ctx, cause);
            return;
        }
        if (live() && !connection.closing()) {
            connection.endStream(record, StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("stream " + cause.getClass().getSimpleName()));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // A stream that closes under a closing connection is left to the connection's sweep, which
        // knows why (CONNECTION_CLOSE, idle timeout, end of run). Otherwise the codec closed it
        // without telling us why.
        if (live() && !connection.closing()) {
            connection.endStream(record, StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError("stream closed without response end"));
        }
        ctx.fireChannelInactive();
    }

    private boolean live() {
        return record != null && !record.isEnded();
    }

}
