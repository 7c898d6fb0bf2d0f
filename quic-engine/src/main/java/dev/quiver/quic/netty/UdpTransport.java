package dev.quiver.quic.netty;

import dev.quiver.core.engine.LoopThreads;
import dev.quiver.http3.udp.SegmentedSends;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The UDP transport for this JVM: native epoll on Linux when it loads, NIO otherwise. */
enum UdpTransport {
    EPOLL, NIO;

    private static final UdpTransport BEST = Epoll.isAvailable() ? EPOLL : NIO;

    static UdpTransport best() {
        return BEST;
    }

    /** {@code threads} event loops named {@code name-N}, each kept in {@code loops} (how busy they are goes into the report). */
    EventLoopGroup newGroup(int threads, String name, LoopThreads loops) {
        IoHandlerFactory io = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, loops.wrap(new DefaultThreadFactory(name, true)), io);
    }

    /** Segmented sends on epoll ({@link SegmentedSends}), one datagram a message on NIO. */
    SegmentedDatagramPacketAllocator segments() {
        return SegmentedSends.allocator(this == EPOLL);
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }
}
