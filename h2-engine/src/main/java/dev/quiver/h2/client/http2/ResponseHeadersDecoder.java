package dev.quiver.h2.client.http2;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * HPACK-decodes a response's header block (the dynamic table, Huffman strings, size limits are
 * Netty's decoder's) into one headers object per connection that keeps {@code :status} alone:
 * quiver reads nothing else from a response's fields, and building a map of every field per
 * response was a fifth of what the client allocated. Each block overwrites the previous one; a
 * listener reads the headers before the next block is decoded.
 */
final class ResponseHeadersDecoder extends DefaultHttp2HeadersDecoder {

    private static final String STATUS = Http2Headers.PseudoHeaderName.STATUS.value().toString();

    private final StatusOnly headers = new StatusOnly();

    ResponseHeadersDecoder(long maxHeaderListSize) {
        super(false, maxHeaderListSize);
    }

    @Override
    protected Http2Headers newHeaders() {
        headers.clear();
        return headers;
    }

    /** Headers that drop every field but {@code :status} as it is decoded. */
    private static final class StatusOnly extends DefaultHttp2Headers {
        StatusOnly() {
            super(false, 2);
        }

        @Override
        public Http2Headers add(CharSequence name, CharSequence value) {
            if (name.length() == STATUS.length() && STATUS.contentEquals(name)) {
                super.add(name, value);
            }
            return this;
        }
    }
}
