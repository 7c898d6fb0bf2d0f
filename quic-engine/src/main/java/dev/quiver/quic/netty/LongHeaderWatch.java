package dev.quiver.quic.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the unprotected long headers of the QUIC packets in each datagram, both ways, in front of
 * Netty's QUIC codec, which reports neither the version on the wire nor a Retry nor 0-RTT packets.
 * Only the first byte, the version and the length fields are read; nothing is decrypted or changed.
 */
public final class LongHeaderWatch extends ChannelDuplexHandler {

    public static final int V1 = 0x00000001;
    public static final int V2 = 0x6b3343cf;

    enum Type { INITIAL, ZERO_RTT, HANDSHAKE, RETRY }

    private final Set<Integer> serverVersions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger retriesReceived = new AtomicInteger();
    private final AtomicInteger zeroRttSent = new AtomicInteger();
    private final AtomicInteger initialsSent = new AtomicInteger();

    /** The version the server speaks: v2 once it sent a v2 long header (compatible negotiation), else what it sent. */
    public String negotiatedVersion() {
        Set<Integer> seen = serverVersions();
        if (seen.isEmpty()) {
            return null;
        }
        return versionName(seen.contains(V2) ? V2 : seen.contains(V1) ? V1 : seen.iterator().next());
    }

    /** QUIC versions in the long headers the server sent. */
    public Set<Integer> serverVersions() {
        return Set.copyOf(serverVersions);
    }

    public int retriesReceived() {
        return retriesReceived.get();
    }

    /** 0-RTT packets this client sent. */
    /** Initial packets the client sent (first flight and its retransmissions, and ACKs at that level). */
    public int initialsSent() {
        return initialsSent.get();
    }

    public int zeroRttSent() {
        return zeroRttSent.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket p) {
            ByteBuf buf = p.content();
            walk(buf, buf.readerIndex(), buf.writerIndex(), true);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof DatagramPacket p) {
            ByteBuf buf = p.content();
            // A segmented message is several datagrams end to end, each to be walked on its own.
            int size = p instanceof SegmentedDatagramPacket s ? s.segmentSize() : buf.readableBytes();
            for (int from = buf.readerIndex(); from < buf.writerIndex(); from += size) {
                walk(buf, from, Math.min(buf.writerIndex(), from + size), false);
            }
        }
        ctx.write(msg, promise);
    }

    /** Walks the coalesced long-header packets of one datagram (RFC 9000 17.2, RFC 9369 3.2). */
    private void walk(ByteBuf buf, int from, int end, boolean inbound) {
        int i = from;
        while (i + 7 <= end) {
            int first = buf.getUnsignedByte(i);
            if ((first & 0x80) == 0) {
                return; // short header: the rest of the datagram
            }
            int version = buf.getInt(i + 1);
            if (version == 0) {
                return; // version negotiation
            }
            if (inbound && version != V1 && version != V2) {
                // Not a version this client offered: a packet damaged on the way (the lab's corruption),
                // which quiche drops; neither it nor the lengths after it say anything about the server.
                return;
            }
            Type type = type(version, (first >> 4) & 0x3);
            if (inbound) {
                serverVersions.add(version);
            }
            if (type == Type.RETRY) {
                if (inbound) {
                    retriesReceived.incrementAndGet();
                }
                return; // a Retry is never coalesced
            }
            if (type == Type.ZERO_RTT && !inbound) {
                zeroRttSent.incrementAndGet();
            }
            if (type == Type.INITIAL && !inbound) {
                initialsSent.incrementAndGet();
            }
            int p = i + 5;
            p += 1 + buf.getUnsignedByte(p); // destination connection id
            if (p >= end) {
                return;
            }
            p += 1 + buf.getUnsignedByte(p); // source connection id
            if (type == Type.INITIAL) {
                long[] token = varint(buf, p, end);
                if (token == null) {
                    return;
                }
                p = (int) (token[1] + token[0]);
            }
            long[] length = varint(buf, p, end);
            if (length == null) {
                return;
            }
            i = (int) (length[1] + length[0]);
        }
    }

    private static Type type(int version, int bits) {
        if (version == V2) {
            return switch (bits) {
                case 1 -> Type.INITIAL;
                case 2 -> Type.ZERO_RTT;
                case 3 -> Type.HANDSHAKE;
                default -> Type.RETRY;
            };
        }
        return switch (bits) {
            case 0 -> Type.INITIAL;
            case 1 -> Type.ZERO_RTT;
            case 2 -> Type.HANDSHAKE;
            default -> Type.RETRY;
        };
    }

    /** A variable-length integer at {@code p}: {value, index after it}, or null when cut off. */
    private static long[] varint(ByteBuf buf, int p, int end) {
        if (p >= end) {
            return null;
        }
        int first = buf.getUnsignedByte(p);
        int len = 1 << (first >> 6);
        if (p + len > end) {
            return null;
        }
        long v = first & 0x3f;
        for (int k = 1; k < len; k++) {
            v = (v << 8) | buf.getUnsignedByte(p + k);
        }
        return new long[] {v, p + len};
    }

    public static String versionName(int v) {
        return switch (v) {
            case V1 -> "v1";
            case V2 -> "v2";
            default -> String.format("0x%08x", v);
        };
    }
}
