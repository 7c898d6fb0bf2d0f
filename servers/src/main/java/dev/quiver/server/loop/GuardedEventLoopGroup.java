package dev.quiver.server.loop;

import dev.quiver.server.loop.EventLoopFailures;
import dev.quiver.server.metrics.ServerCounters;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;

/**
 * Netty's event loops, except that a failure which escapes everything else does not end a loop.
 * Netty 4.2 lets any {@link Error} out of its I/O loop (and anything a logger throws while it
 * reports another failure), and the loop's thread ends: its listener never accepts again and its
 * connections hang. Here the loop counts the failure ({@link ServerCounters#eventLoopError}) and
 * goes on, unless {@link EventLoopFailures#survivable} says the JVM is broken.
 */
public final class GuardedEventLoopGroup extends MultiThreadIoEventLoopGroup {

    GuardedEventLoopGroup(int threads, String name, IoHandlerFactory io, ServerCounters stats) {
        super(threads, new DefaultThreadFactory(name, true), io, stats);
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory io, Object... args) {
        return new GuardedEventLoop(this, executor, io, (ServerCounters) args[0]);
    }

    private static final class GuardedEventLoop extends SingleThreadIoEventLoop {

        private final ServerCounters stats;

        GuardedEventLoop(IoEventLoopGroup parent, Executor executor, IoHandlerFactory io, ServerCounters stats) {
            super(parent, executor, io);
            this.stats = stats;
        }

        @Override
        protected void run() {
            for (;;) {
                try {
                    super.run(); // returns only when the loop shuts down or suspends
                    return;
                } catch (Throwable failure) {
                    if (!EventLoopFailures.survivable(failure)) {
                        throw failure;
                    }
                    EventLoopFailures.survived(stats, failure);
                }
            }
        }
    }
}
