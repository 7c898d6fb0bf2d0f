package dev.quiver.server.tcp;

import dev.quiver.server.error.CloseOnErrorHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

/** Pipeline of a TLS connection: count, TLS, ALPN (which installs HTTP/2 or HTTP/1.1), close on error. */
final class TlsChannelInitializer extends ChannelInitializer<Channel> {

    private final ConnectionTracker tracker;
    private final SslContext sslContext;
    private final HttpPipelines pipelines;

    TlsChannelInitializer(ConnectionTracker tracker, SslContext sslContext, HttpPipelines pipelines) {
        this.tracker = tracker;
        this.sslContext = sslContext;
        this.pipelines = pipelines;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(ConnectionTracker.NAME, tracker);
        pipelines.addIdleTimeout(p);
        p.addLast("tls", sslContext.newHandler(ch.alloc()));
        p.addLast(AlpnProtocolSelector.NAME, new AlpnProtocolSelector(pipelines));
        p.addLast(CloseOnErrorHandler.NAME, CloseOnErrorHandler.INSTANCE);
    }
}
