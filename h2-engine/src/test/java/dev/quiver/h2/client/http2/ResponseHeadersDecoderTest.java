package dev.quiver.h2.client.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.core.engine.RequestTemplate.Header;
import dev.quiver.h2.client.http2.hpack.RequestHeaderBlock;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseHeadersDecoderTest {

    private static byte[] block(Header... fields) {
        return RequestHeaderBlock.encode(List.of(fields));
    }

    @Test
    void keepsTheStatusAndNothingElseAndEachBlockStartsAfresh() throws Exception {
        ResponseHeadersDecoder d = new ResponseHeadersDecoder(8192);
        Http2Headers h = d.decodeHeaders(1, Unpooled.wrappedBuffer(block(new Header(":status", "404"),
                new Header("content-type", "text/plain"), new Header("x-many", "v"))));
        assertEquals("404", h.status().toString());
        assertEquals(1, h.size());
        Http2Headers trailers = d.decodeHeaders(1, Unpooled.wrappedBuffer(block(new Header("grpc-status", "0"))));
        assertNull(trailers.status(), "trailers carry no status, and the last block's is gone");
    }

    @Test
    void aHeaderListOverTheLimitIsStillRefused() {
        ResponseHeadersDecoder d = new ResponseHeadersDecoder(8192);
        byte[] big = block(new Header(":status", "200"), new Header("x-big", "v".repeat(9000)));
        assertThrows(Http2Exception.class, () -> d.decodeHeaders(1, Unpooled.wrappedBuffer(big)));
    }
}
