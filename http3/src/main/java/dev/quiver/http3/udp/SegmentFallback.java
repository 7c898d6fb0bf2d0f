package dev.quiver.http3.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.SegmentedDatagramPacket;

/**
 * Sends the QUIC codec's segmented datagrams (UDP generic segmentation offload: several equal-sized
 * QUIC packets handed to the kernel in one message, cut into datagrams below the socket) and falls
 * back to one datagram per packet for the rest of the run when the kernel refuses them. Linux before
 * 6.11 refuses a segmented send with EIO on a route through a device without checksum offload, and
 * every kernel does on an IPsec route; without this fallback each such send would be a lost flight.
 * The refused message itself is sent again as single datagrams, so nothing is lost to the switch.
 * One instance serves every UDP channel of a client engine or a server: one refusal ends
 * segmentation for all of them. It sits between the socket and the QUIC codec.
 */
@ChannelHandler.Sharable
public final class SegmentFallback extends ChannelOutboundHandlerAdapter {

    /** Linux's errno for an I/O error, as Netty's native transport reports it (negated). */
    private static final int EIO = 5;

    private volatile boolean refused;

    /** Whether the kernel refused a segmented send, so that every one since went out as single datagrams. */
    public boolean refused() {
        return refused;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof SegmentedDatagramPacket packet)) {
            ctx.write(msg, promise);
            return;
        }
        if (refused) {
            writeSingly(ctx, packet, promise);
            packet.release();
            return;
        }
        // Kept until the kernel took it, so that a refused message can go out again packet by packet.
        packet.retain();
        ChannelPromise sent = promise.unvoid();
        sent.addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && isEio(f.cause())) {
                refused = true;
                writeSingly(ctx, packet, ctx.voidPromise());
                ctx.flush();
            }
            packet.release();
        });
        ctx.write(packet, sent);
    }

    /** Writes each segment of {@code packet} as a datagram of its own, the last one completing {@code promise}. */
    private static void writeSingly(ChannelHandlerContext ctx, SegmentedDatagramPacket packet, ChannelPromise promise) {
        ByteBuf content = packet.content();
        if (!content.isReadable()) {
            promise.trySuccess();
            return;
        }
        int size = packet.segmentSize();
        int end = content.writerIndex();
        for (int from = content.readerIndex(); from < end; from += size) {
            int length = Math.min(size, end - from);
            boolean last = from + length >= end;
            ctx.write(new DatagramPacket(content.retainedSlice(from, length), packet.recipient(), packet.sender()),
                    last ? promise : ctx.voidPromise());
        }
    }

    private static boolean isEio(Throwable cause) {
        return cause instanceof Errors.NativeIoException e && e.expectedErr() == -EIO;
    }
}
