package dev.quiver.h2.transport;

import dev.quiver.core.engine.LoopThreads;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The TCP transport for this JVM: Netty's native epoll on Linux, NIO elsewhere or when the native
 * library cannot be loaded. Chosen once, for the client; the reference servers choose theirs in
 * their own module, which the engines do not see.
 */
public enum Transport {
    EPOLL, NIO;

    private static final Transport BEST = Epoll.isAvailable() ? EPOLL : NIO;

    public static Transport best() {
        return BEST;
    }

    /**
     * {@code threads} event loops named {@code name-N}, each kept in {@code loops} (how busy they are goes into the
     * report); with {@code busyPoll}, on epoll, loops that spin instead of sleeping ({@link SpinningSelect}).
     */
    public EventLoopGroup newGroup(int threads, String name, LoopThreads loops, boolean busyPoll) {
        IoHandlerFactory io = this == NIO ? NioIoHandler.newFactory()
                : busyPoll ? EpollIoHandler.newFactory(0, () -> new SpinningSelect(loops)) : EpollIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, loops.wrap(new DefaultThreadFactory(name, true)), io);
    }

    public Class<? extends Channel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
