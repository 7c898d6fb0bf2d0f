package dev.quiver.server.loop;

import dev.quiver.server.metrics.ServerCounters;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The servers' transport for this JVM: Netty's native epoll on Linux, NIO elsewhere or when the
 * native library cannot be loaded; chosen once for the TCP and the HTTP/3 server alike. The
 * client engines make the same choice in their own modules: sharing one class would make an
 * engine import the servers (or put Netty into core, which has no network code).
 */
public enum ServerTransport {
    EPOLL, NIO;

    private static final ServerTransport BEST = Epoll.isAvailable() ? EPOLL : NIO;

    public static ServerTransport best() {
        return BEST;
    }

    /** Event loops that survive what escapes the handlers ({@link GuardedEventLoopGroup}). */
    public EventLoopGroup newGuardedGroup(int threads, String name, ServerCounters stats) {
        return new GuardedEventLoopGroup(threads, name, ioHandler(), stats);
    }

    /** Plain event loops, for the test clients that talk to the servers. */
    public EventLoopGroup newGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), ioHandler());
    }

    public IoHandlerFactory ioHandler() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** Whether sockets can share a port (SO_REUSEPORT), which only the native transport offers. */
    public boolean reusePort() {
        return this == EPOLL;
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends Channel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }
}
