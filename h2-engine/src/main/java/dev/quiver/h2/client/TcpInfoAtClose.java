package dev.quiver.h2.client;

import dev.quiver.core.engine.TransportSample;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollTcpInfo;
import java.util.function.Consumer;

/**
 * Reads the kernel's TCP_INFO of a connection once, as it is being closed: first in the pipeline,
 * it sees every close on its way to the socket (quiver's own, the HTTP/2 codec's after GOAWAY, TLS's
 * after close_notify) while the socket is still open. One system call per connection, none per
 * request. A socket the peer or the network closed is gone before any handler hears of it: such a
 * connection has no sample. On NIO (no epoll) there is no TCP_INFO at all.
 */
final class TcpInfoAtClose extends ChannelOutboundHandlerAdapter {

    static final String NAME = "tcp-info";

    private final Consumer<TransportSample> sink;
    private boolean read;

    TcpInfoAtClose(Consumer<TransportSample> sink) {
        this.sink = sink;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (!read && ctx.channel() instanceof EpollSocketChannel epoll && epoll.isOpen()) {
            read = true;
            TransportSample sample = sampleOf(epoll);
            if (sample != null) {
                sink.accept(sample);
            }
        }
        super.close(ctx, promise);
    }

    /** TCP_INFO as a sample: total retransmitted segments, smoothed RTT (µs) and cwnd (segments × MSS); null when unreadable. */
    static TransportSample sampleOf(EpollSocketChannel channel) {
        EpollTcpInfo info;
        try {
            info = channel.tcpInfo();
        } catch (RuntimeException e) {
            return null; // the socket went away under us (ChannelException): no figures rather than wrong ones
        }
        return TransportSample.tcp(info.totalRetrans(), info.rtt(), info.sndCwnd() * info.sndMss());
    }
}
