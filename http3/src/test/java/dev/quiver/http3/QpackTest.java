package dev.quiver.http3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.kwik.qpack.Decoder;
import tech.kwik.qpack.Encoder;
import tech.kwik.qpack.impl.StaticTable;

/** The static-only QPACK encoder and the status decoder, against RFC 9204's examples and another QPACK implementation. */
class QpackTest {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Entry by entry against Kwik's qpack library, except entries 57 and 58, where that library
     * (2.0.1) writes {@code max-age=31536000;includesubdomains} without the RFC's space (nghttp3,
     * the reference servers' QPACK, follows the RFC).
     */
    @Test
    void staticTableMatchesRfc9204() throws Exception {
        Constructor<StaticTable> c = StaticTable.class.getDeclaredConstructor();
        c.setAccessible(true);
        StaticTable other = c.newInstance();
        assertEquals(99, QpackStaticTable.SIZE);
        for (int i = 0; i < QpackStaticTable.SIZE; i++) {
            Map.Entry<String, String> e = other.lookupNameValue(i);
            assertEquals(e.getKey(), QpackStaticTable.name(i), "name " + i);
            if (i != 57 && i != 58) {
                assertEquals(e.getValue(), QpackStaticTable.value(i), "value " + i);
            }
        }
        assertEquals("max-age=31536000; includesubdomains", QpackStaticTable.value(57));
        assertEquals("max-age=31536000; includesubdomains; preload", QpackStaticTable.value(58));
        assertEquals("text/html; charset=utf-8", QpackStaticTable.value(52));
        assertEquals("text/plain;charset=utf-8", QpackStaticTable.value(54));
    }

    /** RFC 9204, B.1: a literal field line with a static name reference. */
    @Test
    void encodesRfc9204ExampleB1() {
        byte[] section = QpackEncoder.encode(List.of(Map.entry(":path", "/index.html")));
        assertEquals("0000510b2f696e6465782e68746d6c", HEX.formatHex(section));
    }

    @Test
    void exactStaticMatchIsOneIndexedByte() {
        byte[] section = QpackEncoder.encode(List.of(Map.entry(":method", "GET"), Map.entry(":scheme", "https")));
        assertEquals("0000d1d7", HEX.formatHex(section)); // 0xC0 | 17, 0xC0 | 23
    }

    @Test
    void anotherDecoderReadsWhatIsEncoded() throws Exception {
        List<Map.Entry<String, String>> fields = List.of(
                Map.entry(":method", "POST"), Map.entry(":scheme", "https"), Map.entry(":authority", "example.com:4433"),
                Map.entry(":path", "/a/rather/long/path/that/needs/more/than/one/length/byte/" + "x".repeat(200)),
                Map.entry("user-agent", "quiver"), Map.entry("content-length", "42"),
                Map.entry("x-unknown-name-longer-than-seven", "v"), Map.entry("accept", "*/*"));
        byte[] section = QpackEncoder.encode(fields);
        List<Map.Entry<String, String>> decoded = Decoder.newBuilder().build().decodeStream(new ByteArrayInputStream(section));
        assertEquals(fields, decoded);
    }

    @Test
    void readsStatusEncodedByAnotherEncoder() throws Exception {
        for (String s : List.of("200", "201", "404", "503", "299")) {
            ByteBuffer b = Encoder.newBuilder().build().compressHeaders(List.of(Map.entry(":status", s),
                    Map.entry("server", "test"), Map.entry("content-type", "text/plain")));
            byte[] section = java.util.Arrays.copyOf(b.array(), b.limit()); // written, not flipped
            assertEquals(Integer.parseInt(s), QpackStatusDecoder.status(section, 0, section.length), s);
        }
    }

    @Test
    void readsIndexedLiteralAndHuffmanCodedStatus() throws Exception {
        assertEquals(200, status("0000d9")); // indexed, static 25
        // literal with literal name ":status" = "299", then a field after it
        assertEquals(299, status("000027003a737461747573033239395f1d0474657374"));
        // literal with name reference (static 24, :status), Huffman-coded "404"
        assertEquals(404, status("00005f0983680d7f"));
        // a regular field before the status is fine for the decoder (order is the message's business)
        assertEquals(200, status("00005f1d0474657374d9"));
    }

    @Test
    void dynamicTableReferencesAndBrokenSectionsFailAsDecompressionErrors() {
        for (String bad : List.of(
                "0100d9",         // Required Insert Count 1
                "000081",         // indexed, dynamic table
                "000010",         // indexed, post-base
                "000000",         // literal with post-base name reference
                "0000ff24",       // static index 99: past the table
                "00005f0905313233", // value longer than the section
                "0000ff",         // integer cut short
                "",               // no prefix at all
                "00005f09ff8080808080808080808001")) { // integer too large
            H3Error e = assertThrows(H3Error.class, () -> status(bad), bad);
            assertEquals(H3Error.QPACK_DECOMPRESSION_FAILED, e.code(), bad);
        }
    }

    @Test
    void missingOrMalformedStatusIsAMessageError() {
        assertEquals(H3Error.H3_MESSAGE_ERROR, assertThrows(H3Error.class, () -> status("0000")).code());
        assertEquals(H3Error.H3_MESSAGE_ERROR, assertThrows(H3Error.class, () -> status("00005f09023230")).code());
        assertEquals(H3Error.H3_MESSAGE_ERROR, assertThrows(H3Error.class, () -> status("00005f0903326f30")).code());
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButH3Error() {
        Random random = new Random(9204);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = 0; // get past the prefix more often
                if (b.length > 1) {
                    b[1] = 0;
                }
            }
            try {
                QpackStatusDecoder.status(b, 0, b.length);
            } catch (H3Error expected) {
                // a peer's fault, reported as such
            }
        }
    }

    private static int status(String hex) throws H3Error {
        byte[] b = HEX.parseHex(hex);
        return QpackStatusDecoder.status(b, 0, b.length);
    }

    @Test
    void prefixIntegersFollowRfc7541Examples() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        QpackPrefixInt.write(out, 0, 5, 10); // C.1.1
        QpackPrefixInt.write(out, 0, 5, 1337); // C.1.2
        assertArrayEquals(HEX.parseHex("0a1f9a0a"), out.toByteArray());
    }
}
