package dev.quiver.h2.client.http2;

import static io.netty.handler.codec.http2.Http2Error.FLOW_CONTROL_ERROR;
import static io.netty.handler.codec.http2.Http2Error.FRAME_SIZE_ERROR;
import static io.netty.handler.codec.http2.Http2Error.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.Arrays;

/**
 * Reads the server's HTTP/2 frames (RFC 9113, 4 and 6) from a buffer, whole frames only, and hands
 * each to a listener. It checks what Netty's {@code DefaultHttp2FrameReader} checks, with the same
 * error codes and the same choice between a stream error and a connection error; a stream error
 * skips its frame and reading goes on. A header block that fits one frame (a response's, nearly
 * always) is decoded where it lies: Netty's reader made a continuation object, a block builder and a
 * retained slice for every HEADERS frame, and released the slice after. A block spread over
 * CONTINUATION frames is gathered in one array, bounded by the header list limit.
 */
final class FrameReader {

    static final int FRAME_HEADER_LENGTH = 9;
    /** What quiver announces (HTTP/2's default SETTINGS_MAX_FRAME_SIZE); a larger frame is a connection error. */
    static final int MAX_FRAME_SIZE = Http2CodecUtil.DEFAULT_MAX_FRAME_SIZE;

    // Netty's names for the frame types and flags (RFC 9113, 6); only the codes are used from it here.
    private static final byte DATA = Http2FrameTypes.DATA;
    private static final byte HEADERS = Http2FrameTypes.HEADERS;
    private static final byte PRIORITY = Http2FrameTypes.PRIORITY;
    private static final byte RST_STREAM = Http2FrameTypes.RST_STREAM;
    private static final byte SETTINGS = Http2FrameTypes.SETTINGS;
    private static final byte PUSH_PROMISE = Http2FrameTypes.PUSH_PROMISE;
    private static final byte PING = Http2FrameTypes.PING;
    private static final byte GO_AWAY = Http2FrameTypes.GO_AWAY;
    private static final byte WINDOW_UPDATE = Http2FrameTypes.WINDOW_UPDATE;
    private static final byte CONTINUATION = Http2FrameTypes.CONTINUATION;
    private static final int END_STREAM = Http2Flags.END_STREAM;
    private static final int ACK = Http2Flags.ACK;
    private static final int END_HEADERS = Http2Flags.END_HEADERS;
    private static final int PADDED = Http2Flags.PADDED;
    private static final int PRIORITY_FLAG = Http2Flags.PRIORITY;

    private final ResponseHeadersDecoder headers;
    private final long maxBlock;

    /** The stream of the header block waiting for CONTINUATION frames, 0 when none is. */
    private int blockStream;
    private final PendingBlock pending = new PendingBlock();
    private byte[] block = new byte[0];
    private int blockLength;

    FrameReader(ResponseHeadersDecoder headers) {
        this.headers = headers;
        this.maxBlock = headers.maxHeaderListSizeGoAway();
    }

    /** What a HEADERS or PUSH_PROMISE frame said that its listener call needs once the block is complete. */
    private static final class PendingBlock {
        boolean push;
        boolean priority;
        int padding;
        boolean endStream;
        int dependency;
        short weight;
        boolean exclusive;
        int promisedStream;
    }

    /**
     * Reads every whole frame in {@code in}; what is left is less than a frame (the caller keeps it).
     *
     * @throws Http2Exception a connection error (nothing more should be read) or a stream error (its frame is consumed)
     */
    void read(ChannelHandlerContext ctx, ByteBuf in, Http2FrameListener listener) throws Http2Exception {
        while (in.readableBytes() >= FRAME_HEADER_LENGTH) {
            int start = in.readerIndex();
            int length = in.getUnsignedMedium(start);
            if (length > MAX_FRAME_SIZE) {
                throw Http2Exception.connectionError(FRAME_SIZE_ERROR, "Frame length: %d exceeds maximum: %d", length,
                        MAX_FRAME_SIZE);
            }
            if (in.readableBytes() < FRAME_HEADER_LENGTH + length) {
                return;
            }
            byte type = in.getByte(start + 3);
            int flags = in.getUnsignedByte(start + 4);
            int streamId = in.getInt(start + 5) & 0x7FFFFFFF;
            int payload = start + FRAME_HEADER_LENGTH;
            in.readerIndex(payload + length); // the frame is read, whatever it turns out to be
            frame(ctx, in, type, flags, streamId, payload, length, listener);
        }
    }

    private void frame(ChannelHandlerContext ctx, ByteBuf in, byte type, int flags, int streamId, int p, int length,
                       Http2FrameListener listener) throws Http2Exception {
        if (type == CONTINUATION) {
            continuation(ctx, in, flags, streamId, p, length, listener);
            return;
        }
        if (blockStream != 0) {
            throw Http2Exception.connectionError(PROTOCOL_ERROR, "Received frame of type %s while processing headers on stream %d.",
                    type, blockStream);
        }
        switch (type) {
            case DATA -> data(ctx, in, flags, streamId, p, length, listener);
            case HEADERS -> headers(ctx, in, flags, streamId, p, length, listener);
            case PRIORITY -> {
                requireStream(type, streamId);
                if (length != 5) {
                    throw Http2Exception.streamError(streamId, FRAME_SIZE_ERROR, "Invalid frame length %d.", length);
                }
                long word = in.getUnsignedInt(p);
                int dependency = (int) (word & 0x7FFFFFFFL);
                if (dependency == streamId) {
                    throw Http2Exception.streamError(streamId, PROTOCOL_ERROR, "A stream cannot depend on itself.");
                }
                listener.onPriorityRead(ctx, streamId, dependency, (short) (in.getUnsignedByte(p + 4) + 1), (word & 0x80000000L) != 0);
            }
            case RST_STREAM -> {
                requireStream(type, streamId);
                if (length != 4) {
                    throw Http2Exception.connectionError(FRAME_SIZE_ERROR, "Invalid frame length %d.", length);
                }
                listener.onRstStreamRead(ctx, streamId, in.getUnsignedInt(p));
            }
            case SETTINGS -> settings(ctx, in, flags, streamId, p, length, listener);
            case PUSH_PROMISE -> pushPromise(ctx, in, flags, streamId, p, length, listener);
            case PING -> {
                requireConnection(streamId);
                if (length != 8) {
                    throw Http2Exception.connectionError(FRAME_SIZE_ERROR, "Frame length %d incorrect size for ping.", length);
                }
                if ((flags & ACK) != 0) {
                    listener.onPingAckRead(ctx, in.getLong(p));
                } else {
                    listener.onPingRead(ctx, in.getLong(p));
                }
            }
            case GO_AWAY -> {
                requireConnection(streamId);
                if (length < 8) {
                    throw Http2Exception.connectionError(FRAME_SIZE_ERROR, "Frame length %d too small.", length);
                }
                listener.onGoAwayRead(ctx, in.getInt(p) & 0x7FFFFFFF, in.getUnsignedInt(p + 4), in.slice(p + 8, length - 8));
            }
            case WINDOW_UPDATE -> {
                if (length != 4) {
                    throw Http2Exception.connectionError(FRAME_SIZE_ERROR, "Invalid frame length %d.", length);
                }
                int increment = in.getInt(p) & 0x7FFFFFFF;
                if (increment == 0) {
                    // on stream 0 this is a connection error (Netty's streamError makes it one)
                    throw Http2Exception.streamError(streamId, PROTOCOL_ERROR, "Received WINDOW_UPDATE with delta 0 for stream: %d",
                            streamId);
                }
                listener.onWindowUpdateRead(ctx, streamId, increment);
            }
            default -> listener.onUnknownFrame(ctx, type, streamId, new Http2Flags((short) flags), in.slice(p, length));
        }
    }

    private static void data(ChannelHandlerContext ctx, ByteBuf in, int flags, int streamId, int p, int length,
                             Http2FrameListener listener) throws Http2Exception {
        requireStream(DATA, streamId);
        int padding = padding(in, flags, streamId, p, length);
        int offset = (flags & PADDED) != 0 ? 1 : 0;
        listener.onDataRead(ctx, streamId, in.slice(p + offset, length - offset - trailing(padding)), padding,
                (flags & END_STREAM) != 0);
    }

    private void headers(ChannelHandlerContext ctx, ByteBuf in, int flags, int streamId, int p, int length,
                         Http2FrameListener listener) throws Http2Exception {
        requireStream(HEADERS, streamId);
        boolean priority = (flags & PRIORITY_FLAG) != 0;
        int required = ((flags & PADDED) != 0 ? 1 : 0) + (priority ? 5 : 0);
        if (length < required) {
            throw Http2Exception.streamError(streamId, FRAME_SIZE_ERROR, "Frame length too small." + length);
        }
        PendingBlock b = pending;
        b.push = false;
        b.priority = priority;
        b.padding = padding(in, flags, streamId, p, length);
        b.endStream = (flags & END_STREAM) != 0;
        int at = p + ((flags & PADDED) != 0 ? 1 : 0);
        if (priority) {
            long word = in.getUnsignedInt(at);
            b.exclusive = (word & 0x80000000L) != 0;
            b.dependency = (int) (word & 0x7FFFFFFFL);
            if (b.dependency == streamId) {
                throw Http2Exception.streamError(streamId, PROTOCOL_ERROR, "A stream cannot depend on itself.");
            }
            b.weight = (short) (in.getUnsignedByte(at + 4) + 1);
            at += 5;
        }
        fragment(ctx, in, flags, streamId, at, p + length - trailing(b.padding) - at, listener);
    }

    private void pushPromise(ChannelHandlerContext ctx, ByteBuf in, int flags, int streamId, int p, int length,
                             Http2FrameListener listener) throws Http2Exception {
        requireStream(PUSH_PROMISE, streamId); // Netty's reader let stream 0 through to the listener
        int padded = (flags & PADDED) != 0 ? 1 : 0;
        if (length < padded + 4) {
            throw Http2Exception.streamError(streamId, FRAME_SIZE_ERROR, "Frame length %d too small.", length);
        }
        PendingBlock b = pending;
        b.push = true;
        b.padding = padding(in, flags, streamId, p, length);
        b.promisedStream = in.getInt(p + padded) & 0x7FFFFFFF;
        int at = p + padded + 4;
        fragment(ctx, in, flags, streamId, at, p + length - trailing(b.padding) - at, listener);
    }

    /** The first fragment of a header block: decoded at once when it is the whole block, else kept. */
    private void fragment(ChannelHandlerContext ctx, ByteBuf in, int flags, int streamId, int at, int length,
                          Http2FrameListener listener) throws Http2Exception {
        if (length < 0) {
            throw Http2Exception.connectionError(PROTOCOL_ERROR, "Frame payload too small for padding.");
        }
        if (length > maxBlock) {
            Http2CodecUtil.headerListSizeExceeded(maxBlock);
        }
        if ((flags & END_HEADERS) != 0) {
            deliver(ctx, streamId, headers.decode(streamId, in, at, length), listener);
            return;
        }
        blockStream = streamId;
        blockLength = 0;
        append(in, at, length);
    }

    private void continuation(ChannelHandlerContext ctx, ByteBuf in, int flags, int streamId, int p, int length,
                              Http2FrameListener listener) throws Http2Exception {
        requireStream(CONTINUATION, streamId);
        if (blockStream == 0) {
            throw Http2Exception.connectionError(PROTOCOL_ERROR, "Received %s frame but not currently processing headers.",
                    CONTINUATION);
        }
        if (streamId != blockStream) {
            throw Http2Exception.connectionError(PROTOCOL_ERROR, "Continuation stream ID does not match pending headers. "
                    + "Expected %d, but received %d.", blockStream, streamId);
        }
        if ((flags & PADDED) != 0 && length < 1) {
            throw Http2Exception.streamError(streamId, FRAME_SIZE_ERROR, "Frame length %d too small for padding.", length);
        }
        if (maxBlock - length < blockLength) {
            blockStream = 0;
            Http2CodecUtil.headerListSizeExceeded(maxBlock);
        }
        append(in, p, length);
        if ((flags & END_HEADERS) == 0) {
            return;
        }
        Http2Headers decoded;
        try {
            decoded = headers.decode(streamId, block, blockLength);
        } finally {
            blockStream = 0; // the block is done with, decoded or not
        }
        deliver(ctx, streamId, decoded, listener);
    }

    private void deliver(ChannelHandlerContext ctx, int streamId, Http2Headers decoded, Http2FrameListener listener)
            throws Http2Exception {
        PendingBlock b = pending;
        if (b.push) {
            listener.onPushPromiseRead(ctx, streamId, b.promisedStream, decoded, b.padding);
        } else if (b.priority) {
            listener.onHeadersRead(ctx, streamId, decoded, b.dependency, b.weight, b.exclusive, b.padding, b.endStream);
        } else {
            listener.onHeadersRead(ctx, streamId, decoded, b.padding, b.endStream);
        }
    }

    private void append(ByteBuf in, int at, int length) {
        if (block.length < blockLength + length) {
            block = Arrays.copyOf(block, Math.max(blockLength + length, Math.min(2 * block.length, (int) maxBlock)));
        }
        in.getBytes(at, block, blockLength, length);
        blockLength += length;
    }

    private static void settings(ChannelHandlerContext ctx, ByteBuf in, int flags, int streamId, int p, int length,
                                 Http2FrameListener listener) throws Http2Exception {
        requireConnection(streamId);
        boolean ack = (flags & ACK) != 0;
        if (ack && length > 0) {
            throw Http2Exception.connectionError(FRAME_SIZE_ERROR, "Ack settings frame must have an empty payload.");
        }
        if (length % 6 > 0) {
            throw Http2Exception.connectionError(FRAME_SIZE_ERROR, "Frame length %d invalid.", length);
        }
        if (ack) {
            listener.onSettingsAckRead(ctx);
            return;
        }
        Http2Settings settings = new Http2Settings();
        for (int at = p; at < p + length; at += 6) {
            char id = (char) in.getUnsignedShort(at);
            long value = in.getUnsignedInt(at + 2);
            try {
                settings.put(id, Long.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw Http2Exception.connectionError(id == Http2CodecUtil.SETTINGS_INITIAL_WINDOW_SIZE ? FLOW_CONTROL_ERROR
                        : PROTOCOL_ERROR, e, e.getMessage());
            }
        }
        listener.onSettingsRead(ctx, settings);
    }

    /** The padding of a PADDED frame: its length byte plus the bytes it announces; 0 when not padded. */
    private static int padding(ByteBuf in, int flags, int streamId, int p, int length) throws Http2Exception {
        if ((flags & PADDED) == 0) {
            return 0;
        }
        if (length < 1) {
            throw Http2Exception.streamError(streamId, FRAME_SIZE_ERROR, "Frame length %d too small.", length);
        }
        int padding = in.getUnsignedByte(p) + 1;
        // RFC 9113 6.1: padding as long as the payload or longer is a connection error (Netty let one of exactly
        // the payload's length through, then failed on a negative slice).
        if (padding - 1 >= length) {
            throw Http2Exception.connectionError(PROTOCOL_ERROR, "Frame payload too small for padding.");
        }
        return padding;
    }

    /** The padding bytes after the content (the length byte is before it). */
    private static int trailing(int padding) {
        return padding == 0 ? 0 : padding - 1;
    }

    private static void requireStream(byte type, int streamId) throws Http2Exception {
        if (streamId == 0) {
            throw Http2Exception.connectionError(PROTOCOL_ERROR, "Frame of type %s must be associated with a stream.", type);
        }
    }

    private static void requireConnection(int streamId) throws Http2Exception {
        if (streamId != 0) {
            throw Http2Exception.connectionError(PROTOCOL_ERROR, "A stream ID must be zero.");
        }
    }
}
