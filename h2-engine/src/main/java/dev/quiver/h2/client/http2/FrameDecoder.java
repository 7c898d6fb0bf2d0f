package dev.quiver.h2.client.http2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import java.util.List;

/**
 * Cuts the server's bytes into HTTP/2 frames ({@link FrameReader}: framing, padding, HPACK,
 * CONTINUATION) and hands each to a listener. It keeps no stream state: which streams exist is
 * the tracker's to know. A protocol error, found by the reader or thrown by the listener, goes
 * to {@link Errors}; after a connection error nothing more is read.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** Response header lists above this size are refused (HTTP/2's SETTINGS_MAX_HEADER_LIST_SIZE we announce). */
    static final int MAX_HEADER_LIST_SIZE = 8192;

    interface Errors {
        void connectionError(Http2Exception e);

        void streamError(Http2Exception.StreamException e);
    }

    private final FrameReader reader = new FrameReader(new ResponseHeadersDecoder(MAX_HEADER_LIST_SIZE));
    private final Http2FrameListener listener;
    private final Errors errors;
    private boolean failed;

    FrameDecoder(Http2FrameListener listener, Errors errors) {
        this.listener = listener;
        this.errors = errors;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            reader.read(ctx, in, listener);
        } catch (Http2Exception.StreamException e) {
            errors.streamError(e);
        } catch (Http2Exception e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            errors.connectionError(e);
        }
    }
}
