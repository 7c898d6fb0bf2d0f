package dev.quiver.http3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A response's frames as the netty client reads them, in ByteBufs cut anywhere: the same status,
 * body length and errors whatever the cuts, and a stream that ends inside a frame is seen as such.
 */
class FrameSplitterTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] STATUS_200 = HEX.parseHex("0000d9");
    private static final byte[] STATUS_103 = HEX.parseHex("0000d8");

    /** The response side of a request stream, as the netty client's ResponseStreamHandler drives it. */
    private static final class Response implements FrameSplitter.Frames {
        final FrameSplitter splitter = new FrameSplitter();
        final ResponseProgress progress = new ResponseProgress(1024);
        FramePayload current;
        int finalHeaders;
        long body;

        @Override
        public boolean begin(long type, long length) throws H3Error {
            current = progress.frame(type, length);
            return current == FramePayload.HEADERS;
        }

        @Override
        public void payload(byte[] buf, int off, int len) throws H3Error {
            if (progress.headers(buf, off, len)) {
                finalHeaders++;
            }
        }

        @Override
        public void skipped(int n) {
            if (current == FramePayload.DATA) {
                body += n;
            }
        }

        /** Feeds {@code bytes} cut into pieces of {@code piece} bytes. */
        Response feed(byte[] bytes, int piece) throws H3Error {
            for (int off = 0; off < bytes.length; off += piece) {
                ByteBuf b = Unpooled.wrappedBuffer(bytes, off, Math.min(piece, bytes.length - off));
                splitter.read(b, this);
                assertFalse(b.isReadable(), "every byte taken");
            }
            return this;
        }
    }

    @Test
    void theSameResponseWhereverTheReadsAreCut() throws Exception {
        byte[] grease = frame(0x21, new byte[70]); // a reserved type with a two-byte length
        byte[] response = concat(frame(1, STATUS_103), grease, frame(1, STATUS_200), frame(0, new byte[11]),
                frame(0, new byte[20_000]), frame(0, new byte[0]), frame(1, HEX.parseHex("00005f0000")));
        for (int piece : new int[] {1, 2, 3, 7, 64, 1000, response.length}) {
            Response r = new Response().feed(response, piece);
            assertEquals(200, r.progress.status(), "piece " + piece);
            assertEquals(1, r.finalHeaders, "piece " + piece);
            assertEquals(20_011, r.body, "piece " + piece);
            assertTrue(r.splitter.atFrameBoundary(), "piece " + piece);
            r.progress.end();
        }
    }

    @Test
    void aStreamCutInsideAFrameIsNotAtAFrameBoundary() throws Exception {
        byte[] response = concat(frame(1, STATUS_200), frame(0, new byte[11]));
        for (int cut = 1; cut < response.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(response, cut);
            Response r = new Response().feed(part, 1);
            boolean boundary = cut == frame(1, STATUS_200).length;
            assertEquals(boundary, r.splitter.atFrameBoundary(), "cut at " + cut);
        }
    }

    @Test
    void errorsAreTheSameAsTheKwikEngines() {
        assertCode(H3Error.H3_FRAME_UNEXPECTED, frame(0, new byte[1]));                                   // DATA before HEADERS
        assertCode(H3Error.H3_FRAME_UNEXPECTED, frame(1, STATUS_200), frame(7, new byte[] {0}));          // GOAWAY
        assertCode(H3Error.H3_ID_ERROR, frame(1, STATUS_200), frame(5, new byte[] {0}));                  // PUSH_PROMISE
        assertCode(H3Error.QPACK_DECOMPRESSION_FAILED, frame(1, HEX.parseHex("0200d9")));                // dynamic table
        assertCode(H3Error.H3_EXCESSIVE_LOAD, frame(1, new byte[2000]));                                   // over 1 KiB
        H3Error e = assertThrows(H3Error.class, () -> new Response().feed(frame(1, STATUS_103), 1).progress.end());
        assertEquals(H3Error.H3_MESSAGE_ERROR, e.code());
    }

    private static void assertCode(long code, byte[]... frames) {
        for (int piece : new int[] {1, 1 << 20}) {
            H3Error e = assertThrows(H3Error.class, () -> new Response().feed(concat(frames), piece));
            assertEquals(code, e.code(), e.getMessage());
        }
    }

    private static byte[] frame(long type, byte[] payload) {
        byte[] out = new byte[H3Frames.headerSize(type, payload.length) + payload.length];
        int p = H3Frames.writeHeader(out, 0, type, payload.length);
        System.arraycopy(payload, 0, out, p, payload.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
