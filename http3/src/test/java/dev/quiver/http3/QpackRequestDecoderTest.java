package dev.quiver.http3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.kwik.qpack.Encoder;

/** A request's field section as the server reads it: pseudo-headers kept, malformed requests and dynamic references refused. */
class QpackRequestDecoderTest {

    private static final HexFormat HEX = HexFormat.of();

    private static RequestHeaders decode(byte[] section) throws H3Error {
        return QpackRequestDecoder.decode(section, 0, section.length);
    }

    @Test
    void readsWhatQuiversEncoderWrites() throws Exception {
        byte[] section = QpackEncoder.encode(List.of(Map.entry(":method", "HEAD"), Map.entry(":scheme", "https"),
                Map.entry(":authority", "localhost:4433"), Map.entry(":path", "/bytes/" + "9".repeat(200)),
                Map.entry("user-agent", "quiver"), Map.entry("x-other", "v")));
        assertEquals(new RequestHeaders("HEAD", "/bytes/" + "9".repeat(200), "localhost:4433"), decode(section));
    }

    @Test
    void readsAnotherEncodersOutput() throws Exception {
        ByteBuffer b = Encoder.newBuilder().build().compressHeaders(List.of(Map.entry(":method", "GET"),
                Map.entry(":scheme", "https"), Map.entry(":authority", "example.com"), Map.entry(":path", "/delay/10"),
                Map.entry("accept", "*/*")));
        byte[] section = Arrays.copyOf(b.array(), b.limit());
        assertEquals(new RequestHeaders("GET", "/delay/10", "example.com"), decode(section));
    }

    /** RFC 7541, C.4.1: {@code www.example.com} Huffman-coded, as nghttp3 sends short strings. */
    @Test
    void decodesHuffmanCodedValues() throws Exception {
        byte[] section = HEX.parseHex("0000" + "d1" + "508c" + "f1e3c2e5f23a6ba0ab90f4ff" + "c1");
        assertEquals(new RequestHeaders("GET", "/", "www.example.com"), decode(section));
    }

    @Test
    void dynamicTableReferencesAreDecompressionFailures() {
        for (String hex : List.of("0200d1c1", "000081", "000010", "0000d1c1" + "80", "0000ff")) {
            H3Error e = assertThrows(H3Error.class, () -> decode(HEX.parseHex(hex)), hex);
            assertEquals(H3Error.QPACK_DECOMPRESSION_FAILED, e.code(), hex);
        }
    }

    @Test
    void malformedRequestsAreMessageErrors() {
        List<String> sections = List.of(
                "0000d1", // no :path
                "0000c1", // no :method
                "0000d1c1c1", // :path twice
                "0000d1" + "df" + "c1", // a regular field (static 31, accept-encoding) before :path
                "0000d1c1" + "223a78" + "0161"); // unknown pseudo-header ":x"
        for (String hex : sections) {
            H3Error e = assertThrows(H3Error.class, () -> decode(HEX.parseHex(hex)), hex);
            assertEquals(H3Error.H3_MESSAGE_ERROR, e.code(), hex);
        }
    }

    @Test
    void requestFramesInOrder() throws Exception {
        RequestProgress p = new RequestProgress(1024);
        H3Error early = assertThrows(H3Error.class, () -> p.frame(H3Frames.DATA, 3));
        assertEquals(H3Error.H3_FRAME_UNEXPECTED, early.code());
        assertEquals(FramePayload.HEADERS, p.frame(H3Frames.HEADERS, 4));
        byte[] head = HEX.parseHex("0000d1c1");
        assertEquals(new RequestHeaders("GET", "/", null), p.headers(head, 0, head.length));
        assertEquals(FramePayload.DATA, p.frame(H3Frames.DATA, 3));
        assertEquals(FramePayload.SKIP, p.frame(0x21, 0));
        assertEquals(FramePayload.HEADERS, p.frame(H3Frames.HEADERS, 2));
        assertNull(p.headers(new byte[] {0, 0}, 0, 2)); // trailers
        assertEquals(H3Error.H3_FRAME_UNEXPECTED, assertThrows(H3Error.class, () -> p.frame(H3Frames.DATA, 1)).code());
        for (long t : List.of(H3Frames.SETTINGS, H3Frames.GOAWAY, H3Frames.PUSH_PROMISE, H3Frames.MAX_PUSH_ID, 0x02L)) {
            assertEquals(H3Error.H3_FRAME_UNEXPECTED, assertThrows(H3Error.class,
                    () -> new RequestProgress(1024).frame(t, 1)).code());
        }
        assertEquals(H3Error.H3_EXCESSIVE_LOAD, assertThrows(H3Error.class,
                () -> new RequestProgress(1024).frame(H3Frames.HEADERS, 1025)).code());
    }

    @Test
    void aClientsControlStreamMayCarryMaxPushIdAndAnyGoawayId() throws Exception {
        ControlFrames rules = ControlFrames.ofClient();
        assertEquals(ControlFrames.Payload.SETTINGS, rules.frame(H3Frames.SETTINGS, 0));
        rules.settings(new byte[0], 0, 0);
        assertEquals(ControlFrames.Payload.SKIP, rules.frame(H3Frames.MAX_PUSH_ID, 1));
        assertEquals(7, rules.goaway(new byte[] {7}, 0, 1));
        assertEquals(H3Error.H3_ID_ERROR, assertThrows(H3Error.class, () -> rules.goaway(new byte[] {9}, 0, 1)).code());
        ControlFrames server = new ControlFrames();
        server.frame(H3Frames.SETTINGS, 0);
        server.settings(new byte[0], 0, 0);
        assertEquals(H3Error.H3_FRAME_UNEXPECTED, assertThrows(H3Error.class,
                () -> server.frame(H3Frames.MAX_PUSH_ID, 1)).code());
    }
}
