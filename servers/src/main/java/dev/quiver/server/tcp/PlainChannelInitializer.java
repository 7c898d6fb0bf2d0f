package dev.quiver.server.tcp;

import dev.quiver.server.error.CloseOnErrorHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** Pipeline of a cleartext connection: count, detect h2c or HTTP/1.1 (which installs it), close on error. */
final class PlainChannelInitializer extends ChannelInitializer<Channel> {

    private final ConnectionTracker tracker;
    private final HttpPipelines pipelines;

    PlainChannelInitializer(ConnectionTracker tracker, HttpPipelines pipelines) {
        this.tracker = tracker;
        this.pipelines = pipelines;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(ConnectionTracker.NAME, tracker);
        pipelines.addIdleTimeout(p);
        p.addLast(CleartextProtocolDetector.NAME, new CleartextProtocolDetector(pipelines));
        p.addLast(CloseOnErrorHandler.NAME, CloseOnErrorHandler.INSTANCE);
    }
}
