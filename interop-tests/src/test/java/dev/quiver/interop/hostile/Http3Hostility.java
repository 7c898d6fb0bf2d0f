package dev.quiver.interop.hostile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3GoAwayFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Hostile HTTP/3 behaviours for {@link QuicHostileServer}. */
final class Http3Hostility {

    private static final byte[] CHUNK = new byte[16 * 1024];

    private Http3Hostility() {
    }

    /**
     * Every request stream is reset (RESET_STREAM, sometimes with STOP_SENDING) with a random
     * application error code: at once, after the response headers, or after part of the body. One
     * in eight codes is H3_REQUEST_REJECTED (the client may retry), one in eight H3_NO_ERROR; the
     * rest are 31-bit codes no RFC defines.
     */
    static QuicHostileServer.Behaviour resetEveryStream() {
        return (ctx, stream, random) -> {
            int pick = random.nextInt(8);
            int code = pick == 0 ? (int) Http3ErrorCode.H3_REQUEST_REJECTED.code()
                    : pick == 1 ? (int) Http3ErrorCode.H3_NO_ERROR.code() : random.nextInt(Integer.MAX_VALUE);
            int when = random.nextInt(3);
            if (when >= 1) {
                ctx.write(ok());
            }
            if (when == 2) {
                ctx.write(new DefaultHttp3DataFrame(Unpooled.copiedBuffer("partial", StandardCharsets.US_ASCII)));
            }
            ctx.flush();
            if (random.nextBoolean()) {
                stream.shutdownOutput(code);
            } else {
                stream.shutdown(code); // STOP_SENDING and RESET_STREAM
            }
        };
    }

    /**
     * GOAWAY again and again with random ids: through the codec (multiples of 4, never rising, as
     * RFC 9114 wants), and written raw on the control stream past the codec (any id, rising too,
     * which RFC 9114 calls a connection error). Half of the requests are answered, the others never;
     * now and then the connection is closed with a random application error code.
     */
    static QuicHostileServer.Behaviour randomGoaways() {
        return (ctx, stream, random) -> {
            if (random.nextBoolean()) {
                ctx.write(ok());
                ctx.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII)))
                        .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
            }
            QuicChannel quic = stream.parent();
            if (random.nextInt(3) == 0) {
                QuicStreamChannel control = Http3.getLocalControlStream(quic);
                if (control != null && control.isActive()) {
                    if (random.nextBoolean()) {
                        long id = 4L * random.nextInt(Math.max(1, (int) (stream.streamId() / 4) + 8));
                        control.writeAndFlush(new DefaultHttp3GoAwayFrame(id)); // the codec refuses a rising id
                    } else {
                        control.pipeline().firstContext().writeAndFlush(rawGoaway(random.nextLong() & ((1L << 62) - 1)));
                    }
                }
            }
            if (random.nextInt(20) == 0) {
                quic.close(true, random.nextInt(Integer.MAX_VALUE), Unpooled.EMPTY_BUFFER);
            }
        };
    }

    /** Response headers, then DATA without end, as fast as QUIC flow control takes it. */
    static QuicHostileServer.Behaviour endlessData() {
        return new QuicHostileServer.Behaviour() {
            @Override
            public void onRequest(ChannelHandlerContext ctx, QuicStreamChannel stream, SplittableRandom random) {
                ctx.write(ok());
                onWritable(ctx, stream);
            }

            @Override
            public void onWritable(ChannelHandlerContext ctx, QuicStreamChannel stream) {
                while (stream.isActive() && stream.isWritable()) {
                    ctx.write(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(CHUNK)));
                }
                ctx.flush();
            }
        };
    }

    /**
     * A HEADERS frame that announces 1 GiB of field section and then sends bytes without end:
     * written raw on the stream, past the codec (which would never send such a frame).
     */
    static QuicHostileServer.Behaviour endlessHeaders() {
        return new QuicHostileServer.Behaviour() {
            @Override
            public void onRequest(ChannelHandlerContext ctx, QuicStreamChannel stream, SplittableRandom random) {
                ByteBuf head = Unpooled.buffer(9);
                head.writeByte(0x01); // HEADERS
                head.writeLong((1L << 30) | 0xC000_0000_0000_0000L);
                stream.pipeline().firstContext().write(head);
                onWritable(ctx, stream);
            }

            @Override
            public void onWritable(ChannelHandlerContext ctx, QuicStreamChannel stream) {
                ChannelHandlerContext raw = stream.pipeline().firstContext();
                while (stream.isActive() && stream.isWritable()) {
                    raw.write(Unpooled.wrappedBuffer(CHUNK));
                }
                raw.flush();
            }
        };
    }

    private static Http3HeadersFrame ok() {
        Http3HeadersFrame headers = new DefaultHttp3HeadersFrame();
        headers.headers().status("200");
        return headers;
    }

    /** A GOAWAY frame (type 0x7) with an 8-byte varint id, bytes as they go on the wire. */
    private static ByteBuf rawGoaway(long id) {
        ByteBuf b = Unpooled.buffer(10);
        b.writeByte(0x07);
        b.writeByte(0x08);
        b.writeLong(id | 0xC000_0000_0000_0000L);
        return b;
    }
}
