package dev.quiver.quic.kwik.h3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.RequestHead;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.http3.LocalSettings;
import dev.quiver.http3.ControlFrames;
import dev.quiver.http3.H3Error;
import dev.quiver.http3.H3Frames;
import dev.quiver.http3.RequestMessage;
import dev.quiver.http3.Varint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.kwik.qpack.Decoder;

/** HTTP/3 frames on a request stream: a response read whole, and every malformed one a protocol error. */
class H3FramesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] STATUS_200 = HEX.parseHex("0000d9");
    private static final byte[] STATUS_103 = HEX.parseHex("0000d8");

    @Test
    void readsStatusBodyLengthAndHeadersTime() throws Exception {
        long before = System.nanoTime();
        ResponseReader r = read(frame(1, STATUS_200), frame(0, new byte[11]), frame(0, new byte[5]));
        assertEquals(200, r.status());
        assertEquals(16, r.bodyBytes());
        assertTrue(r.headersNanos() >= before);
    }

    @Test
    void informationalHeadersAreSkippedTrailersAndUnknownFramesToo() throws Exception {
        ResponseReader r = read(frame(0x21, new byte[3]), frame(1, STATUS_103), frame(1, STATUS_200), frame(0, new byte[7]),
                frame(0x1f * 3 + 0x21, new byte[100]), frame(1, HEX.parseHex("00005f1d0474657374")));
        assertEquals(200, r.status());
        assertEquals(7, r.bodyBytes());
    }

    @Test
    void aBodyReadOneByteAtATimeGivesTheSameResult() throws Exception {
        byte[] body = new byte[100_000];
        byte[] all = concat(frame(1, STATUS_200), frame(0, body), frame(0, new byte[0]));
        ResponseReader r = new ResponseReader(new OneByteAtATime(new ByteArrayInputStream(all)), 1024);
        r.read();
        assertEquals(100_000, r.bodyBytes());
    }

    @Test
    void framesOutOfPlaceAreProtocolErrors() {
        assertCode(H3Error.H3_FRAME_UNEXPECTED, frame(0, new byte[1]));                               // DATA before HEADERS
        assertCode(H3Error.H3_FRAME_UNEXPECTED, frame(1, STATUS_200), frame(4, new byte[0]));         // SETTINGS
        assertCode(H3Error.H3_FRAME_UNEXPECTED, frame(1, STATUS_200), frame(7, new byte[] {0}));      // GOAWAY
        assertCode(H3Error.H3_FRAME_UNEXPECTED, frame(1, STATUS_200), frame(2, new byte[0]));         // HTTP/2 PRIORITY
        assertCode(H3Error.H3_ID_ERROR, frame(1, STATUS_200), frame(5, new byte[] {0}));              // PUSH_PROMISE
        assertCode(H3Error.H3_FRAME_UNEXPECTED, frame(1, STATUS_200), frame(1, HEX.parseHex("0000")), frame(0, new byte[1]));
        assertCode(H3Error.H3_MESSAGE_ERROR);                                                         // no frame at all
        assertCode(H3Error.H3_MESSAGE_ERROR, frame(1, STATUS_103));                                   // only informational
        assertCode(H3Error.QPACK_DECOMPRESSION_FAILED, frame(1, HEX.parseHex("0000ff")));
        assertCode(H3Error.H3_EXCESSIVE_LOAD, frame(1, new byte[2000]));                               // over the 1 KiB limit
    }

    @Test
    void aStreamCutInsideAFrameIsAnEarlyEnd() {
        byte[] whole = concat(frame(1, STATUS_200), frame(0, new byte[10]));
        for (int cut = 1; cut < whole.length; cut++) {
            if (cut == 5) {
                continue; // right after HEADERS: a complete response without a body
            }
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            assertThrows(EOFException.class, () -> read(part), "cut at " + cut);
        }
    }

    @Test
    void randomBytesEndAsH3ErrorOrEarlyEndNeverAnythingElse() {
        Random random = new Random(9114);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(30)];
            random.nextBytes(b);
            if (b.length > 2 && random.nextBoolean()) {
                b[0] = 1; // a HEADERS frame more often
                b[1] = (byte) random.nextInt(20);
            }
            try {
                read(b);
            } catch (H3Error | EOFException expected) {
                // a peer's fault, reported as such
            } catch (IOException e) {
                throw new AssertionError("unexpected " + e, e);
            }
        }
    }

    @Test
    void requestMessageIsHeadersThenDataThatAnotherDecoderReads() throws Exception {
        RequestHead head = new RequestHead("POST", "https", "localhost:4433", "/p?q=1",
                List.of(new RequestTemplate.Header("x-test", "1"), new RequestTemplate.Header("content-length", "5")));
        byte[] m = RequestMessage.of(head, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        FrameInput in = new FrameInput(new ByteArrayInputStream(m));
        assertEquals(1, in.varint());
        int length = (int) in.varint();
        byte[] p = in.payload(length);
        byte[] section = java.util.Arrays.copyOfRange(p, in.payloadOffset(), in.payloadOffset() + length);
        List<Map.Entry<String, String>> fields = Decoder.newBuilder().build().decodeStream(new ByteArrayInputStream(section));
        List<Map.Entry<String, String>> expected = new ArrayList<>();
        for (RequestTemplate.Header h : head.wireFields()) {
            expected.add(Map.entry(h.name(), h.value()));
        }
        assertEquals(expected, fields);
        assertEquals(0, in.varint());
        assertEquals(5, in.varint());
        in.skip(5);
        assertTrue(in.atEnd());
    }

    @Test
    void controlStreamAnnouncesNoDynamicTable() throws H3Error {
        byte[] b = LocalSettings.controlStream();
        assertEquals("0004040100070" + "0", HEX.formatHex(b)); // control, SETTINGS(4 bytes): capacity 0, blocked 0
        new ControlFrames().settings(b, 3, b.length);
    }

    @Test
    void varintsRoundTripAtEveryLength() throws Exception {
        for (long v : new long[] {0, 63, 64, 16_383, 16_384, 1_073_741_823, 1_073_741_824, Varint.MAX}) {
            byte[] b = new byte[8];
            int n = Varint.write(b, 0, v);
            assertEquals(Varint.size(v), n);
            assertEquals(v, Varint.read(b, 0, n));
            assertEquals(v, new FrameInput(new ByteArrayInputStream(b, 0, n)).varint());
            assertEquals(-1, Varint.read(b, 0, n - 1));
        }
        assertEquals("c2197c5eff14e88c", HEX.formatHex(java.util.Arrays.copyOf(write(151_288_809_941_952_652L), 8))); // RFC 9000, A.1
        assertEquals("7bbd", HEX.formatHex(java.util.Arrays.copyOf(write(15_293), 2)));
    }

    private static byte[] write(long v) {
        byte[] b = new byte[8];
        Varint.write(b, 0, v);
        return b;
    }

    private static void assertCode(long code, byte[]... frames) {
        H3Error e = assertThrows(H3Error.class, () -> read(frames));
        assertEquals(code, e.code(), e.getMessage());
    }

    private static ResponseReader read(byte[]... frames) throws IOException, H3Error {
        ResponseReader r = new ResponseReader(new ByteArrayInputStream(concat(frames)), 1024);
        r.read();
        return r;
    }

    static byte[] frame(long type, byte[] payload) {
        byte[] out = new byte[H3Frames.headerSize(type, payload.length) + payload.length];
        int p = H3Frames.writeHeader(out, 0, type, payload.length);
        System.arraycopy(payload, 0, out, p, payload.length);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A stream that hands out one byte per read, as a QUIC stream may after a packet of one byte. */
    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(1, len));
        }
    }
}
