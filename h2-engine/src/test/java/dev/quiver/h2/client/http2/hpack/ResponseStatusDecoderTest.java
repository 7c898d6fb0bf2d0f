package dev.quiver.h2.client.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import io.netty.util.AsciiString;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseStatusDecoderTest {

    private static final String[] STATUSES = {"200", "204", "404", "500", "201", "302", "418", "503", "299"};

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static int decode(ResponseStatusDecoder d, String hexBlock) throws HpackException {
        byte[] b = hex(hexBlock);
        return d.decode(b, b.length);
    }

    @Test
    void decodesTheResponsesOfRfc7541AppendixC6WithTheirHuffmanStringsAndEvictions() throws Exception {
        ResponseStatusDecoder d = new ResponseStatusDecoder(256, 8192);
        // :status 302, cache-control private, date, location: all Huffman-coded, all added to the table
        assertEquals(302, decode(d, "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                + " 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3"));
        assertEquals(4, d.entries());
        assertEquals(222, d.tableSize());
        // :status 307 evicts :status 302; the other three fields are indexed from the dynamic table
        assertEquals(307, decode(d, "4883 640e ffc1 c0bf"));
        assertEquals(4, d.entries());
        assertEquals(222, d.tableSize());
    }

    @Test
    void huffmanStringsOfRfc7541DecodeToTheirText() throws Exception {
        String[][] vectors = {
            {"www.example.com", "f1e3 c2e5 f23a 6ba0 ab90 f4ff"},
            {"no-cache", "a8eb 1064 9cbf"},
            {"custom-key", "25a8 49e9 5ba9 7d7f"},
            {"Mon, 21 Oct 2013 20:13:21 GMT", "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff"},
        };
        for (String[] v : vectors) {
            byte[] in = hex(v[1]);
            byte[] out = new byte[64];
            int n = HpackHuffman.decode(in, 0, in.length, out);
            assertEquals(v[0], new String(out, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /**
     * Response header lists with random fields, Huffman-coded and indexed by Netty's encoder into a
     * small table (so entries are evicted all the time), must give the status Netty's decoder reads.
     * A wrong decoded length for any byte value would shift the table and show as a wrong status.
     */
    @Test
    void agreesWithNettysDecoderOnRandomResponsesThroughATableThatKeepsEvicting() throws Exception {
        agreeWithNetty(512); // a size update in the first block, then evictions all the time
        agreeWithNetty(4096); // small entries: the table's ring grows twice
    }

    private static void agreeWithNetty(int tableSize) throws Exception {
        Random random = new Random(7541);
        DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE,
                false, 16, 0); // Huffman for every string
        encoder.configuration().maxHeaderTableSize(tableSize);
        DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(false, 1 << 20);
        ResponseStatusDecoder ours = new ResponseStatusDecoder(4096, 1 << 20);
        int statusesFromTheDynamicTable = 0;
        for (int block = 0; block < 3000; block++) {
            Http2Headers h = new DefaultHttp2Headers(false);
            if (random.nextInt(10) > 0) {
                h.status(STATUSES[random.nextInt(STATUSES.length)]);
            }
            for (int f = random.nextInt(6); f > 0; f--) {
                int valueLength = tableSize > 512 ? random.nextInt(4) : random.nextInt(60);
                h.add(randomBytes(random, 1 + random.nextInt(12), true), randomBytes(random, valueLength, false));
            }
            ByteBuf out = Unpooled.buffer();
            encoder.encodeHeaders(1, h, out);
            byte[] bytes = ByteBufUtil.getBytes(out);
            if (bytes.length > 0 && (bytes[0] & 0xff) > 61 + 0x80 && h.status() != null) {
                statusesFromTheDynamicTable++;
            }
            CharSequence expected = netty.decodeHeaders(1, Unpooled.wrappedBuffer(bytes)).status();
            int status = ours.decode(bytes, bytes.length);
            assertEquals(expected == null ? ResponseStatusDecoder.NO_STATUS : Integer.parseInt(expected.toString()), status,
                    "table " + tableSize + ", block " + block + ": " + HexFormat.of().formatHex(bytes));
        }
        assertTrue(statusesFromTheDynamicTable > 100, "statuses indexed from the dynamic table: " + statusesFromTheDynamicTable);
        assertTrue(ours.entries() > (tableSize > 512 ? 16 : 0), "entries at the end (the ring starts at 8): " + ours.entries());
    }

    private static AsciiString randomBytes(Random random, int n, boolean name) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = name ? (byte) ('a' + random.nextInt(26)) : (byte) random.nextInt(256);
        }
        return new AsciiString(b, false);
    }

    @Test
    void aHeaderListOverTheLimitFailsItsStreamOnlyAndTheTableStaysInStep() throws Exception {
        ResponseStatusDecoder d = new ResponseStatusDecoder(4096, 100);
        // :status 201 (literal, indexed) and x: 100 bytes (literal, indexed): 42 + 133 bytes > 100
        String big = "4803 3230 3140 0178 64" + "61".repeat(100);
        HpackException e = assertThrows(HpackException.class, () -> decode(d, big));
        assertFalse(e.connectionFatal());
        assertEquals(2, d.entries(), "the refused block's entries were still added");
        assertEquals(201, decode(d, "bf"), "index 63: the :status 201 entry");
    }

    @Test
    void malformedBlocksAreCompressionErrors() {
        String[] malformed = {
            "80",                   // indexed field 0
            "be",                   // index 62 with an empty dynamic table
            "ff ffff ffff 0f",      // integer beyond 2^31-1
            "ff 80 80 80 80 80 01", // integer in too many bytes
            "3fe2 1f",              // table size update to 4097, above the 4096 quiver announced
            "88 20",                // table size update after a field
            "4803 3230",            // string past the end of the block
            "48",                   // block ends before the value
            "4881 ff",              // Huffman: 8 bits of padding
            "4881 00",              // Huffman: padding that is not all ones ('0' then 000)
            "4884 ffff ffff",       // Huffman: EOS (30 ones) in the string
        };
        for (String m : malformed) {
            ResponseStatusDecoder d = new ResponseStatusDecoder(4096, 8192);
            HpackException e = assertThrows(HpackException.class, () -> decode(d, m), m);
            assertTrue(e.connectionFatal(), m);
        }
    }

    @Test
    void statusIsTheFirstStatusFieldAndMissingOrMalformedOnesAreTold() throws Exception {
        ResponseStatusDecoder d = new ResponseStatusDecoder(4096, 8192);
        assertEquals(404, decode(d, "8d 88"), "the first of two :status fields");
        assertEquals(ResponseStatusDecoder.NO_STATUS, decode(d, "0f0d 0130"), "trailers: content-length 0");
        assertEquals(ResponseStatusDecoder.INVALID_STATUS, decode(d, "0802 3230"), ":status 20");
        assertEquals(ResponseStatusDecoder.INVALID_STATUS, decode(d, "0803 3278 30"), ":status 2x0");
        // a literal :status name, not indexed (0x00, name ":status" raw, value "503")
        assertEquals(503, decode(d, "0007 3a73 7461 7475 7303 3530 33"));
    }
}
