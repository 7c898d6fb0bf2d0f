package dev.quiver.server.tcp;

import dev.quiver.server.error.CloseOnErrorHandler;
import dev.quiver.server.fault.FaultSchedule;
import dev.quiver.server.metrics.MetricsPageHandler;
import dev.quiver.server.metrics.ServerCounters;
import dev.quiver.server.route.Routes;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.flow.FlowControlHandler;
import java.util.function.BooleanSupplier;

/**
 * Installs the protocol handlers once a connection's protocol is known (by ALPN on the TLS port,
 * by the first bytes on the plain port). Both listeners share it, so HTTP/1.1 and HTTP/2 behave the
 * same whatever the transport. Handlers go just before {@link CloseOnErrorHandler}, which stays last.
 */
final class HttpPipelines {

    private final ServerConfig config;
    private final ServerCounters stats;
    private final Routes routes;

    HttpPipelines(ServerConfig config, ServerCounters stats) {
        this.config = config;
        this.stats = stats;
        this.routes = config.routes();
    }

    /** Right after the connection tracker: the idle timeout, unless it is off. */
    void addIdleTimeout(ChannelPipeline pipeline) {
        if (!config.idleTimeout().isZero()) {
            pipeline.addLast(IdleTimeout.NAME, new IdleTimeout(config.idleTimeout().toMillis()));
        }
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
        Http1RequestHandler requests = new Http1RequestHandler(stats, new FaultSchedule(config.faults()), config.leaks(), routes);
        pipeline.addBefore(before, "http1-requests", requests);
        busyWhen(pipeline, requests::answering);
    }

    /** HTTP/2: one connection handler that frames, flow-controls and answers. */
    void addHttp2(ChannelPipeline pipeline) {
        Http2ServerHandler http2 = new Http2ServerHandler.Builder(config, stats, routes).build();
        pipeline.addBefore(CloseOnErrorHandler.NAME, "http2", http2);
        busyWhen(pipeline, http2::holdsStreams);
    }

    private static void busyWhen(ChannelPipeline pipeline, BooleanSupplier busy) {
        if (pipeline.get(IdleTimeout.NAME) instanceof IdleTimeout idle) {
            idle.busyWhen(busy);
        }
    }
}
