package dev.quiver.h2.server;

import dev.quiver.core.serve.FaultSchedule;
import dev.quiver.core.serve.ServerCounters;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flow.FlowControlHandler;

/**
 * Installs the protocol handlers once a connection's protocol is known (by ALPN on the TLS port,
 * by the first bytes on the plain port). Both listeners share it, so HTTP/1.1 and HTTP/2 behave the
 * same whatever the transport. Handlers go just before {@link CloseOnErrorHandler}, which stays last.
 */
final class HttpPipelines {

    private final ServerConfig config;
    private final ServerCounters stats;

    HttpPipelines(ServerConfig config, ServerCounters stats) {
        this.config = config;
        this.stats = stats;
    }

    /** HTTP/1.1: codec, {@code 100-continue}, request queueing while a response is in progress, routes. */
    void addHttp1(ChannelPipeline pipeline) {
        String before = CloseOnErrorHandler.NAME;
        pipeline.addBefore(before, "http1-codec", new HttpServerCodec());
        pipeline.addBefore(before, "http1-expect-continue", new HttpServerExpectContinueHandler());
        pipeline.addBefore(before, "http1-request-queue", new FlowControlHandler());
        if (config.metricsPage() != null) {
            pipeline.addBefore(before, "metrics-page", new MetricsPageHandler(config.metricsPage()));
        }
        pipeline.addBefore(before, "http1-requests", new Http1RequestHandler(stats, new FaultSchedule(config.faults()), config.leaks()));
    }

    /** HTTP/2: one connection handler that frames, flow-controls and answers. */
    void addHttp2(ChannelPipeline pipeline) {
        pipeline.addBefore(CloseOnErrorHandler.NAME, "http2", new Http2ServerHandler.Builder(config, stats).build());
    }
}
