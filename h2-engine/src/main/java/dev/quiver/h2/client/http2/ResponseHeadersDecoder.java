package dev.quiver.h2.client.http2;

import dev.quiver.h2.client.http2.hpack.HpackException;
import dev.quiver.h2.client.http2.hpack.ResponseStatusDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersDecoder;
import io.netty.util.AsciiString;

/**
 * Hands the frame reader a response's {@code :status} and nothing else: quiver reads no other field
 * of a response. The block is copied once into an array and decoded there by
 * {@link ResponseStatusDecoder}; Netty's decoder built every field into a headers map, byte by byte
 * through a buffer's checks, the largest single item of the HTTP/2 client's CPU profile (10% of
 * its samples against nghttpd). Each block
 * overwrites the previous one's headers; a listener reads them before the next block is decoded.
 */
final class ResponseHeadersDecoder implements Http2HeadersDecoder, Http2HeadersDecoder.Configuration {

    private final ResponseStatusDecoder hpack;
    private final long maxHeaderListSize;
    private final long maxHeaderListSizeGoAway;
    private final StatusHeaders headers = new StatusHeaders();
    /** The block being decoded; the frame reader bounds a block to {@link #maxHeaderListSizeGoAway}. */
    private byte[] block = new byte[256];

    ResponseHeadersDecoder(long maxHeaderListSize) {
        this.maxHeaderListSize = maxHeaderListSize;
        this.maxHeaderListSizeGoAway = Http2CodecUtil.calculateMaxHeaderListSizeGoAway(maxHeaderListSize);
        this.hpack = new ResponseStatusDecoder((int) Http2CodecUtil.DEFAULT_HEADER_TABLE_SIZE, maxHeaderListSize);
    }

    @Override
    public Http2Headers decodeHeaders(int streamId, ByteBuf in) throws Http2Exception {
        Http2Headers h = decode(streamId, in, in.readerIndex(), in.readableBytes());
        in.skipBytes(in.readableBytes());
        return h;
    }

    /** Decodes the block at {@code in[index, index + length)}, where the frame holding it lies. */
    Http2Headers decode(int streamId, ByteBuf in, int index, int length) throws Http2Exception {
        if (block.length < length) {
            block = new byte[Math.max(length, block.length * 2)];
        }
        in.getBytes(index, block, 0, length);
        return decode(streamId, block, length);
    }

    /** Decodes the block at {@code bytes[0, length)}. */
    Http2Headers decode(int streamId, byte[] bytes, int length) throws Http2Exception {
        try {
            headers.hold(hpack.decode(bytes, length));
            return headers;
        } catch (HpackException e) {
            if (e.connectionFatal()) {
                throw Http2Exception.connectionError(Http2Error.COMPRESSION_ERROR, "HPACK: %s", e.getMessage());
            }
            throw Http2Exception.headerListSizeError(streamId, Http2Error.PROTOCOL_ERROR, true, "%s", e.getMessage());
        }
    }

    @Override
    public Configuration configuration() {
        return this;
    }

    /** quiver announces HPACK's default table size and never another: its decoder's table is sized for it. */
    @Override
    public void maxHeaderTableSize(long max) throws Http2Exception {
        if (max != Http2CodecUtil.DEFAULT_HEADER_TABLE_SIZE) {
            throw Http2Exception.connectionError(Http2Error.INTERNAL_ERROR, "HPACK table size is fixed at %d",
                    Http2CodecUtil.DEFAULT_HEADER_TABLE_SIZE);
        }
    }

    @Override
    public long maxHeaderTableSize() {
        return Http2CodecUtil.DEFAULT_HEADER_TABLE_SIZE;
    }

    /** The header list limit is the one announced in the client's first SETTINGS, fixed for the connection. */
    @Override
    public void maxHeaderListSize(long max, long goAwayMax) throws Http2Exception {
        if (max != maxHeaderListSize) {
            throw Http2Exception.connectionError(Http2Error.INTERNAL_ERROR, "header list limit is fixed at %d",
                    maxHeaderListSize);
        }
    }

    @Override
    public long maxHeaderListSize() {
        return maxHeaderListSize;
    }

    @Override
    public long maxHeaderListSizeGoAway() {
        return maxHeaderListSizeGoAway;
    }

    /** Headers holding at most {@code :status}, changed only when the code changes. */
    private static final class StatusHeaders extends DefaultHttp2Headers {
        /** Codes 0..999 as text, made on first use: 1000 entries at most, whatever a server sends. */
        private static final AsciiString[] TEXT = new AsciiString[1000];

        private int code = ResponseStatusDecoder.NO_STATUS;
        private AsciiString text;

        StatusHeaders() {
            super(false, 2);
        }

        void hold(int newCode) {
            if (newCode == code) {
                return;
            }
            code = newCode;
            clear();
            if (newCode == ResponseStatusDecoder.NO_STATUS) {
                text = null;
                return;
            }
            text = TEXT[newCode];
            if (text == null) {
                // three digits as sent; INVALID_STATUS reads "000", which ResponseStatus reads as no valid code too
                text = TEXT[newCode] = AsciiString.of(String.format("%03d", newCode));
            }
            super.status(text);
        }

        @Override
        public CharSequence status() {
            return text;
        }
    }
}
