package dev.quiver.http3.udp;

import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;

/**
 * How Netty's QUIC codec hands its packets to the kernel, client and server alike: with epoll and a
 * kernel that segments UDP (Linux 4.18+), up to {@link #MAX_SEGMENTS} equal-sized packets in one
 * message that the kernel cuts into datagrams (generic segmentation offload), else one message per
 * datagram. quiche puts one stream's data in each packet, so a client sends a datagram per request and
 * a server one per response; segmented, the netty client spent 6.6 instead of 7.75 us of CPU per
 * request against gtlsserver, and quiver serve 7.6 instead of 9.1 us under gtlsclient. Pair it with
 * {@link SegmentFallback} in the UDP channel's pipeline, for a kernel that refuses segments on some route.
 *
 * <p>{@code QUIVER_GSO=off} in the environment turns it off: a capture on the sending host (tcpdump on
 * loopback) sees a segmented message as one datagram of several QUIC packets, which Wireshark cannot
 * take apart.
 */
public final class SegmentedSends {

    /** The most Netty's allocator takes (the kernel's limit is 64 as well, UDP_MAX_SEGMENTS). */
    private static final int MAX_SEGMENTS = 64;
    /** The environment variable that turns segmented sends off with the value {@code off}. */
    private static final String SWITCH = "QUIVER_GSO";

    private SegmentedSends() {
    }

    /** The codec's allocator for a UDP channel on epoll ({@code epoll}) or on NIO, which cannot segment. */
    public static SegmentedDatagramPacketAllocator allocator(boolean epoll) {
        return allocator(epoll, System.getenv(SWITCH));
    }

    /** As {@link #allocator(boolean)}, with {@code setting} for the value of {@code QUIVER_GSO} (null when unset). */
    static SegmentedDatagramPacketAllocator allocator(boolean epoll, String setting) {
        boolean off = "off".equalsIgnoreCase(setting);
        return epoll && !off ? EpollQuicUtils.newSegmentedAllocator(MAX_SEGMENTS) : SegmentedDatagramPacketAllocator.NONE;
    }
}
