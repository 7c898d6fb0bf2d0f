package dev.quiver.server.h3;

import dev.quiver.http3.udp.SegmentFallback;
import dev.quiver.http3.udp.SegmentedSends;
import dev.quiver.server.loop.ServerTransport;
import dev.quiver.server.metrics.ServerCounters;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.codec.quic.QuicCodecDispatcher;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Binds the UDP sockets of the server. One UDP channel lives on one event loop, and so do all its
 * QUIC connections; to use more threads the port is bound once per thread with SO_REUSEPORT
 * (epoll only) and a {@link QuicCodecDispatcher} routes each packet to the socket whose codec
 * knows its connection ID, whichever socket the kernel delivered it to.
 */
final class UdpListeners {

    /** Connection-ID length: the dispatcher needs 10..20 and encodes the socket index in it. */
    private static final int CONNECTION_ID_LENGTH = 16;

    private final EventLoopGroup group;
    private final int sockets;
    private final ServerTransport transport = ServerTransport.best();
    private final SegmentFallback segmentFallback = new SegmentFallback();

    /** @param stats where the event loops count the failures they survive */
    UdpListeners(int threads, String name, ServerCounters stats) {
        sockets = transport.reusePort() ? threads : 1;
        group = transport.newGuardedGroup(sockets, name, stats);
    }

    EventLoopGroup group() {
        return group;
    }

    /** How the sockets' QUIC codecs hand packets to the kernel: segmented on epoll ({@link SegmentedSends}). */
    SegmentedDatagramPacketAllocator segments() {
        return SegmentedSends.allocator(transport == ServerTransport.EPOLL);
    }

    /**
     * Binds {@code address}; {@code codecs} builds the QUIC codec of one socket from the
     * connection-ID length and generator the dispatcher assigns it. The first socket takes the
     * (possibly ephemeral) port, the others join it.
     *
     * @return the bound channels, first one first
     */
    List<Channel> bind(InetSocketAddress address,
                       BiFunction<Integer, QuicConnectionIdGenerator, ChannelHandler> codecs) throws InterruptedException {
        QuicCodecDispatcher dispatcher = new QuicCodecDispatcher(CONNECTION_ID_LENGTH) {
            @Override
            protected void initChannel(Channel channel, int localConnectionIdLength,
                                       QuicConnectionIdGenerator idGenerator) {
                // The filters must sit between the socket and the codec to see the codec's writes.
                channel.pipeline().addLast(segmentFallback);
                channel.pipeline().addLast(new SilentCloseFilter());
                channel.pipeline().addLast(codecs.apply(localConnectionIdLength, idGenerator));
            }
        };
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(transport.datagramChannel())
                // Room for bursts of many connections' packets: fewer stalls on an unwritable socket.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .handler(dispatcher);
        if (sockets > 1) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        List<Channel> channels = new ArrayList<>(sockets);
        try {
            Channel first = bootstrap.bind(address).sync().channel();
            channels.add(first);
            InetSocketAddress bound = new InetSocketAddress(address.getAddress(),
                    ((InetSocketAddress) first.localAddress()).getPort());
            for (int i = 1; i < sockets; i++) {
                channels.add(bootstrap.bind(bound).sync().channel());
            }
            return channels;
        } catch (Exception e) { // bind failures arrive as undeclared checked exceptions
            for (Channel c : channels) {
                c.close().awaitUninterruptibly();
            }
            throw e;
        }
    }
}
