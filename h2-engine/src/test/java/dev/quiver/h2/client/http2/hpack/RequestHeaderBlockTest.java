package dev.quiver.h2.client.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.core.engine.RequestTemplate.Header;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeaderBlockTest {

    /** What an independent HPACK decoder (Netty's) reads back from the block. */
    private static List<Header> decode(byte[] block) throws Exception {
        Http2Headers h = new DefaultHttp2HeadersDecoder(false).decodeHeaders(1, Unpooled.wrappedBuffer(block));
        List<Header> out = new ArrayList<>();
        for (Map.Entry<CharSequence, CharSequence> e : h) {
            out.add(new Header(e.getKey().toString(), e.getValue().toString()));
        }
        return out;
    }

    @Test
    void aTypicalRequestDecodesToTheSameFieldsInOrder() throws Exception {
        List<Header> fields = List.of(new Header(":method", "GET"), new Header(":scheme", "https"),
                new Header(":authority", "127.0.0.1:8443"), new Header(":path", "/bytes/1024?x=1"),
                new Header("user-agent", "quiver"), new Header("x-test", "a value with spaces"));
        assertEquals(fields, decode(RequestHeaderBlock.encode(fields)));
    }

    @Test
    void staticPairsAreOneByte() {
        // :method GET (2), :scheme https (7), :path / (4): RFC 7541 C.3.1's first bytes.
        byte[] b = RequestHeaderBlock.encode(List.of(new Header(":method", "GET"), new Header(":scheme", "https"),
                new Header(":path", "/")));
        assertArrayEquals(new byte[] {(byte) 0x82, (byte) 0x87, (byte) 0x84}, b);
    }

    @Test
    void longNamesAndValuesUseMultiByteLengths() throws Exception {
        String longValue = "v".repeat(5000);
        List<Header> fields = List.of(new Header(":method", "POST"), new Header(":scheme", "http"),
                new Header(":authority", "h"), new Header(":path", "/p"), new Header("content-length", "12"),
                new Header("x-" + "n".repeat(300), longValue), new Header("www-authenticate", "x"));
        assertEquals(fields, decode(RequestHeaderBlock.encode(fields)));
    }

    @Test
    void integersFollowRfc7541Examples() {
        // C.1.1: 10 with a 5-bit prefix; C.1.2: 1337 with a 5-bit prefix.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RequestHeaderBlock.integer(out, 0, 5, 10);
        assertArrayEquals(new byte[] {10}, out.toByteArray());
        out.reset();
        RequestHeaderBlock.integer(out, 0, 5, 1337);
        assertArrayEquals(new byte[] {31, (byte) 154, 10}, out.toByteArray());
    }
}
