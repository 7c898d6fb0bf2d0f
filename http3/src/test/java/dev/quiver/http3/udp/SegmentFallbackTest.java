package dev.quiver.http3.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A kernel that refuses segmented UDP sends (Linux before 6.11 on a device without checksum offload,
 * any kernel on an IPsec route) must cost the run nothing: the refused packets go out one datagram each,
 * and so does every later segmented message.
 */
class SegmentFallbackTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 4433);

    @BeforeAll
    static void nativeErrorsLoad() {
        Epoll.ensureAvailability(); // Errors' messages come from the native transport library
    }

    /** Stands for the socket: takes plain datagrams, fails segmented ones with {@code errno} (0: takes them too). */
    private static final class Kernel extends ChannelOutboundHandlerAdapter {
        final int errno;
        int refusals;

        Kernel(int errno) {
            this.errno = errno;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof SegmentedDatagramPacket p && errno != 0) {
                refusals++;
                p.release();
                promise.setFailure(new Errors.NativeIoException("sendmmsg", -errno));
                return;
            }
            ctx.write(msg, promise);
        }
    }

    private static SegmentedDatagramPacket segmented(String... datagrams) {
        ByteBuf content = Unpooled.buffer();
        for (String d : datagrams) {
            content.writeCharSequence(d, StandardCharsets.US_ASCII);
        }
        return new SegmentedDatagramPacket(content, datagrams[0].length(), SERVER);
    }

    /** What reached the wire: each message's payload, a segmented one's marked with its segment size. */
    private static List<String> sent(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            DatagramPacket p = assertInstanceOf(DatagramPacket.class, m);
            assertEquals(SERVER, p.recipient());
            String payload = p.content().toString(StandardCharsets.US_ASCII);
            out.add(p instanceof SegmentedDatagramPacket s ? payload + "/" + s.segmentSize() : payload);
            p.release();
        }
        return out;
    }

    @Test
    void aRefusedSegmentedSendGoesOutOneDatagramAPacket() {
        SegmentFallback fallback = new SegmentFallback();
        Kernel kernel = new Kernel(5); // EIO
        EmbeddedChannel ch = new EmbeddedChannel(kernel, fallback);
        SegmentedDatagramPacket first = segmented("aaaa", "bbbb", "cc");
        ch.writeAndFlush(first);
        assertEquals(List.of("aaaa", "bbbb", "cc"), sent(ch));
        assertTrue(fallback.refused());

        ch.writeAndFlush(segmented("dddd", "eeee"));
        assertEquals(List.of("dddd", "eeee"), sent(ch));
        assertEquals(1, kernel.refusals, "after one refusal, segmented messages no longer reach the socket");
        assertEquals(0, first.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void anotherSendErrorKeepsSegmentsAndResendsNothing() {
        SegmentFallback fallback = new SegmentFallback();
        EmbeddedChannel ch = new EmbeddedChannel(new Kernel(111), fallback); // ECONNREFUSED: the peer's port, not segmentation
        SegmentedDatagramPacket refused = segmented("aaaa", "bbbb");
        ch.writeAndFlush(refused);
        assertEquals(List.of(), sent(ch));
        assertFalse(fallback.refused());
        assertEquals(0, refused.refCnt());
    }

    @Test
    void segmentedSendsTheKernelTakesPassWhole() {
        SegmentFallback fallback = new SegmentFallback();
        EmbeddedChannel ch = new EmbeddedChannel(new Kernel(0), fallback);
        ch.writeAndFlush(segmented("aaaa", "bbbb", "cc"));
        ch.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer("plain", StandardCharsets.US_ASCII), SERVER));
        assertEquals(List.of("aaaabbbbcc/4", "plain"), sent(ch));
        assertFalse(fallback.refused());
        assertFalse(ch.finish());
    }
}
