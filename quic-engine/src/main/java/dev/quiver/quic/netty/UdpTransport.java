package dev.quiver.quic.netty;

import dev.quiver.core.engine.LoopThreads;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The UDP transport for this JVM: native epoll on Linux when it loads, NIO otherwise. */
enum UdpTransport {
    EPOLL, NIO;

    /** The most Netty's allocator takes (the kernel's limit is 64 as well, UDP_MAX_SEGMENTS). */
    private static final int MAX_SEGMENTS = 64;

    private static final UdpTransport BEST = Epoll.isAvailable() ? EPOLL : NIO;

    static UdpTransport best() {
        return BEST;
    }

    /** {@code threads} event loops named {@code name-N}, each kept in {@code loops} (how busy they are goes into the report). */
    EventLoopGroup newGroup(int threads, String name, LoopThreads loops) {
        IoHandlerFactory io = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, loops.wrap(new DefaultThreadFactory(name, true)), io);
    }

    /**
     * How the QUIC codec hands packets to the kernel: with epoll and a kernel that segments UDP (Linux
     * 4.18+), up to {@link #MAX_SEGMENTS} equal-sized packets in one message that the kernel cuts into
     * datagrams (generic segmentation offload), else one message per datagram. quiche puts one request
     * in each packet, so a connection sends a datagram per request: segmented, the client spent 6.6
     * instead of 7.75 us of CPU per request against gtlsserver, half the system time (bench/h3.sh gtls,
     * warm, 4 rounds). {@link SegmentFallback} covers a kernel that refuses segments on some route.
     */
    SegmentedDatagramPacketAllocator segments() {
        return this == EPOLL ? EpollQuicUtils.newSegmentedAllocator(MAX_SEGMENTS) : SegmentedDatagramPacketAllocator.NONE;
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }
}
