package dev.quiver.h2.client.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frame reader against Netty's {@code DefaultHttp2FrameReader}, which it replaced: random
 * sequences of every frame type, valid and broken, split at random places, must give the same
 * listener calls in the same order and end in the same error (connection or stream, same code).
 */
class FrameReaderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Every listener call as a line of text; an error ends the list. */
    private static final class Recorder implements Http2FrameListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            byte[] b = new byte[data.readableBytes()];
            data.getBytes(data.readerIndex(), b);
            calls.add("DATA " + streamId + " " + new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) + " pad " + padding
                    + " end " + endOfStream);
            return data.readableBytes() + padding;
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
            calls.add("HEADERS " + streamId + " " + headers.status() + " pad " + padding + " end " + endOfStream);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int streamDependency, short weight,
                                  boolean exclusive, int padding, boolean endOfStream) {
            calls.add("HEADERS " + streamId + " " + headers.status() + " dep " + streamDependency + " w " + weight + " x "
                    + exclusive + " pad " + padding + " end " + endOfStream);
        }

        @Override
        public void onPriorityRead(ChannelHandlerContext c, int streamId, int streamDependency, short weight, boolean exclusive) {
            calls.add("PRIORITY " + streamId + " dep " + streamDependency + " w " + weight + " x " + exclusive);
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) {
            calls.add("RST " + streamId + " " + errorCode);
        }

        @Override
        public void onSettingsAckRead(ChannelHandlerContext c) {
            calls.add("SETTINGS ACK");
        }

        @Override
        public void onSettingsRead(ChannelHandlerContext c, Http2Settings settings) {
            calls.add("SETTINGS " + settings);
        }

        @Override
        public void onPingRead(ChannelHandlerContext c, long data) {
            calls.add("PING " + data);
        }

        @Override
        public void onPingAckRead(ChannelHandlerContext c, long data) {
            calls.add("PING ACK " + data);
        }

        @Override
        public void onPushPromiseRead(ChannelHandlerContext c, int streamId, int promisedStreamId, Http2Headers headers,
                                      int padding) {
            calls.add("PUSH " + streamId + " " + promisedStreamId + " " + headers.status() + " pad " + padding);
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
            calls.add("GOAWAY " + lastStreamId + " " + errorCode + " debug " + debugData.readableBytes());
        }

        @Override
        public void onWindowUpdateRead(ChannelHandlerContext c, int streamId, int windowSizeIncrement) {
            calls.add("WINDOW_UPDATE " + streamId + " " + windowSizeIncrement);
        }

        @Override
        public void onUnknownFrame(ChannelHandlerContext c, byte frameType, int streamId, Http2Flags flags, ByteBuf payload) {
            calls.add("UNKNOWN " + frameType + " " + streamId + " " + flags.value() + " " + payload.readableBytes());
        }
    }

    private static String describe(Http2Exception e) {
        return e instanceof Http2Exception.StreamException s ? "stream error " + s.streamId() + " " + e.error()
                : "connection error " + e.error();
    }

    /** Ours, fed {@code wire} in pieces as a ByteToMessageDecoder would (what is left stays for the next piece). */
    private List<String> ours(byte[] wire, int[] splits) {
        FrameReader reader = new FrameReader(new ResponseHeadersDecoder(FrameDecoder.MAX_HEADER_LIST_SIZE));
        return feed(wire, splits, (in, listener) -> reader.read(ctx, in, listener));
    }

    private List<String> netty(byte[] wire, int[] splits) {
        DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader(new ResponseHeadersDecoder(FrameDecoder.MAX_HEADER_LIST_SIZE));
        try {
            return feed(wire, splits, (in, listener) -> reader.readFrame(ctx, in, listener));
        } finally {
            reader.close();
        }
    }

    private interface Reader {
        void read(ByteBuf in, Http2FrameListener listener) throws Http2Exception;
    }

    private static List<String> feed(byte[] wire, int[] splits, Reader reader) {
        Recorder r = new Recorder();
        ByteBuf in = Unpooled.buffer();
        try {
            int from = 0;
            for (int i = 0; i <= splits.length; i++) {
                int to = i < splits.length ? splits[i] : wire.length;
                in.writeBytes(wire, from, to - from);
                from = to;
                reader.read(in, r);
                in.discardReadBytes();
            }
        } catch (Http2Exception e) {
            r.calls.add(describe(e));
        } finally {
            in.release();
        }
        return r.calls;
    }

    /** Frames as bytes. */
    private static final class Wire {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wire frame(int type, int flags, int streamId, byte[] payload) {
            return frame(payload.length, type, flags, streamId, payload);
        }

        Wire frame(int length, int type, int flags, int streamId, byte[] payload) {
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            out.write(type);
            out.write(flags);
            out.write(streamId >>> 24);
            out.write(streamId >>> 16);
            out.write(streamId >>> 8);
            out.write(streamId);
            out.writeBytes(payload);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ints(long... fields) {
        byte[] b = new byte[fields.length * 4];
        for (int i = 0; i < fields.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (fields[i] >>> (24 - 8 * k));
            }
        }
        return b;
    }

    private static byte[] padded(Random random, byte[] content, int padLength) {
        byte[] b = new byte[1 + content.length + padLength];
        b[0] = (byte) padLength;
        System.arraycopy(content, 0, b, 1, content.length);
        for (int i = 1 + content.length; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** One random frame (or a HEADERS block over several frames); {@code broken}: one of the errors a reader must find. */
    private static void randomFrames(Random random, Wire w, DefaultHttp2HeadersEncoder encoder, boolean broken) throws Http2Exception {
        int stream = 1 + 2 * random.nextInt(5);
        int kind = random.nextInt(broken ? 30 : 12);
        switch (kind) {
            case 0, 1 -> {
                byte[] data = new byte[random.nextInt(60)];
                random.nextBytes(data);
                boolean pad = random.nextBoolean();
                w.frame(0, (pad ? 0x8 : 0) | random.nextInt(2), stream, pad ? padded(random, data, random.nextInt(20)) : data);
            }
            case 2, 3, 4 -> {
                ByteBuf block = Unpooled.buffer();
                Http2Headers h = new DefaultHttp2Headers().status(String.valueOf(100 + random.nextInt(500)));
                for (int i = random.nextInt(4); i > 0; i--) {
                    h.add("x-field-" + random.nextInt(20), "v".repeat(random.nextInt(300)));
                }
                encoder.encodeHeaders(stream, h, block);
                byte[] bytes = new byte[block.readableBytes()];
                block.readBytes(bytes);
                block.release();
                int first = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
                boolean one = random.nextBoolean() || first == bytes.length;
                if (one) {
                    first = bytes.length;
                }
                byte[] head = java.util.Arrays.copyOf(bytes, first);
                boolean priority = random.nextInt(3) == 0;
                boolean pad = random.nextInt(3) == 0;
                if (priority) {
                    byte[] p = concat(ints((random.nextBoolean() ? 0x80000000L : 0) | (stream + 2)), new byte[] {(byte) random.nextInt(256)});
                    head = concat(p, head);
                }
                if (pad) {
                    head = padded(random, head, random.nextInt(10));
                }
                int flags = (one ? 0x4 : 0) | random.nextInt(2) | (priority ? 0x20 : 0) | (pad ? 0x8 : 0);
                w.frame(1, flags, stream, head);
                int at = first;
                while (at < bytes.length) {
                    int n = 1 + random.nextInt(bytes.length - at);
                    boolean last = at + n == bytes.length;
                    w.frame(9, last ? 0x4 : 0, stream, java.util.Arrays.copyOfRange(bytes, at, at + n));
                    at += n;
                }
            }
            case 5 -> w.frame(2, 0, stream, concat(ints(stream + 2), new byte[] {7}));
            case 6 -> w.frame(3, 0, stream, ints(random.nextInt(20)));
            case 7 -> {
                if (random.nextBoolean()) {
                    w.frame(4, 0x1, 0, new byte[0]);
                } else {
                    w.frame(4, 0, 0, concat(new byte[] {0, 3}, ints(100), new byte[] {0, 4}, ints(1 << 20), new byte[] {0, 5},
                            ints(16384 + random.nextInt(1000)), new byte[] {0, 2}, ints(0)));
                }
            }
            case 8 -> w.frame(6, random.nextInt(2), 0, concat(ints(random.nextInt(), random.nextInt())));
            case 9 -> {
                byte[] debug = new byte[random.nextInt(30)];
                w.frame(7, 0, 0, concat(ints(stream, random.nextInt(14)), debug));
            }
            case 10 -> w.frame(8, 0, random.nextBoolean() ? 0 : stream, ints(1 + random.nextInt(100000)));
            case 11 -> w.frame(0x20 + random.nextInt(20), random.nextInt(256), random.nextInt(10), new byte[random.nextInt(20)]);
            // broken frames
            case 12 -> w.frame(0, 0, 0, new byte[3]); // DATA on stream 0
            case 13 -> w.frame(6, 0, 0, new byte[7]); // PING of 7 bytes
            case 14 -> w.frame(4, 0, 0, new byte[5]); // SETTINGS not a multiple of 6
            case 15 -> w.frame(8, 0, stream, ints(0)); // WINDOW_UPDATE of 0 on a stream: a stream error
            case 16 -> w.frame(8, 0, 0, ints(0)); // ... on the connection: a connection error
            case 17 -> w.frame(16385, 0, 0, stream, new byte[16385]); // over the frame size
            case 18 -> w.frame(9, 0x4, stream, new byte[] {(byte) 0x88}); // CONTINUATION with no HEADERS before it
            case 19 -> w.frame(1, 0, stream, new byte[] {(byte) 0x88}).frame(0, 0, stream, new byte[1]); // HEADERS, then DATA
            case 20 -> w.frame(0, 0x8, stream, new byte[] {(byte) 9, 1, 2, 3}); // padding longer than the frame
            case 21 -> w.frame(2, 0, stream, concat(ints(stream), new byte[] {1})); // PRIORITY on itself: a stream error
            case 22 -> w.frame(3, 0, stream, new byte[3]); // RST_STREAM of 3 bytes
            case 23 -> w.frame(7, 0, 0, new byte[7]); // GOAWAY of 7 bytes
            case 24 -> w.frame(4, 0x1, 0, new byte[6]); // SETTINGS ACK with a payload
            case 25 -> w.frame(4, 0, 0, concat(new byte[] {0, 2}, ints(2))); // ENABLE_PUSH 2
            case 26 -> w.frame(4, 0, 0, concat(new byte[] {0, 4}, ints(0x80000000L))); // INITIAL_WINDOW_SIZE over 2^31-1
            case 27 -> w.frame(1, 0x4, stream, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}); // bad HPACK
            case 28 -> w.frame(1, 0x1, stream, new byte[] {(byte) 0x88}).frame(9, 0x4, stream + 2, new byte[] {(byte) 0x88}); // CONTINUATION on another stream
            case 29 -> w.frame(5, 0x4, stream, concat(ints(stream + 1), new byte[] {(byte) 0x88})); // PUSH_PROMISE
            default -> throw new IllegalStateException();
        }
    }

    @Test
    void readsWhatNettysReaderReads() throws Exception {
        Random random = new Random(7);
        int errors = 0;
        for (int round = 0; round < 2000; round++) {
            DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
            Wire w = new Wire();
            int frames = 1 + random.nextInt(12);
            for (int i = 0; i < frames; i++) {
                randomFrames(random, w, encoder, i == frames - 1 && random.nextInt(3) == 0);
            }
            byte[] wire = w.bytes();
            int[] splits = random.ints(random.nextInt(6), 1, Math.max(2, wire.length)).filter(s -> s < wire.length).sorted()
                    .distinct().toArray();
            List<String> expected = netty(wire, splits);
            assertEquals(expected, ours(wire, splits), "round " + round);
            errors += expected.isEmpty() || !expected.get(expected.size() - 1).contains("error") ? 0 : 1;
        }
        assertTrue(errors > 250, "the broken frames were read as errors: " + errors);
    }

    @Test
    void aHeaderBlockThatFitsOneFrameIsDecodedWhereItLiesAndOneOverSeveralFramesIsGathered() throws Exception {
        DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
        ByteBuf block = Unpooled.buffer();
        encoder.encodeHeaders(1, new DefaultHttp2Headers().status("404").add("x-a", "b".repeat(100)), block);
        byte[] bytes = new byte[block.readableBytes()];
        block.readBytes(bytes);
        block.release();
        byte[] wire = new Wire().frame(1, 0x4 | 0x1, 1, bytes)
                .frame(1, 0, 3, java.util.Arrays.copyOf(bytes, 10))
                .frame(9, 0, 3, java.util.Arrays.copyOfRange(bytes, 10, 20))
                .frame(9, 0x4, 3, java.util.Arrays.copyOfRange(bytes, 20, bytes.length)).bytes();
        assertEquals(List.of("HEADERS 1 404 pad 0 end true", "HEADERS 3 404 pad 0 end false"), ours(wire, new int[0]));
        // A frame is read only when all of it is there.
        assertEquals(List.of("HEADERS 1 404 pad 0 end true"), ours(java.util.Arrays.copyOf(wire, wire.length - 1), new int[] {5, 50}));
    }

    @Test
    void aHeaderBlockOverTheListLimitIsAConnectionError() throws Exception {
        byte[] part = new byte[16384];
        Wire w = new Wire().frame(1, 0, 1, part);
        for (int i = 0; i < 10; i++) {
            w.frame(9, 0, 1, part);
        }
        assertEquals(List.of("connection error PROTOCOL_ERROR"), ours(w.bytes(), new int[0]));
        assertEquals(netty(w.bytes(), new int[0]), ours(w.bytes(), new int[0]));
    }
}
