package dev.quiver.server.tcp;

import dev.quiver.server.fault.FaultSchedule;
import dev.quiver.server.fault.InjectedLeaks;
import dev.quiver.server.metrics.ServerCounters;
import dev.quiver.server.route.Routes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

/**
 * The HTTP/2 connection of the embedded server: Netty's connection handler (framing, HPACK, flow
 * control, stream states) wired to an {@link Http2RequestListener} that answers the requests.
 * The low-level API is used instead of child channels per stream because it costs no channel,
 * pipeline or promise chain per request.
 */
final class Http2ServerHandler extends Http2ConnectionHandler {

    private final int maxConcurrentStreams;
    private final boolean leakStreams;
    private ChannelHandlerContext ctx;
    private int leakedStreams;

    /**
     * Receive windows far above the 64 KiB default. Request bodies are dropped as they arrive, so
     * a large window costs no memory, while the default would hold uploads on many concurrent
     * streams to one 64 KiB window per round trip.
     */
    static final int STREAM_WINDOW = 1 << 20;
    static final int CONNECTION_WINDOW = 16 << 20;

    private Http2ServerHandler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                               Http2Settings initialSettings, ServerCounters stats, FaultSchedule faults,
                               InjectedLeaks leaks, Routes routes) {
        super(decoder, encoder, initialSettings);
        this.maxConcurrentStreams = initialSettings.maxConcurrentStreams() == null
                ? Integer.MAX_VALUE : initialSettings.maxConcurrentStreams().intValue();
        this.leakStreams = leaks.streams();
        Http2RequestListener requests = new Http2RequestListener(this, encoder, stats, faults, leaks, routes);
        decoder.frameListener(requests);
        encoder.flowController().listener(requests);
        encoder.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                requests.streamClosed(stream);
                if (leakStreams) {
                    leakStream();
                }
            }
        });
    }

    /**
     * {@code --leak-streams}: a finished stream keeps counting against SETTINGS_MAX_CONCURRENT_STREAMS,
     * as if its entry in the stream map were never freed, and the peer is told its credit shrank.
     */
    private void leakStream() {
        ChannelHandlerContext c = ctx;
        if (c == null || !c.channel().isActive()) {
            return;
        }
        leakedStreams++;
        long credit = Math.max(0, (long) maxConcurrentStreams - leakedStreams);
        encoder().writeSettings(c, new Http2Settings().maxConcurrentStreams(credit), c.newPromise());
        c.flush();
    }

    /**
     * True while the connection holds streams: open ones (being answered, or stalled on purpose)
     * or, with {@code --leak-streams}, leaked ones, which must keep holding the peer's credit.
     */
    boolean holdsStreams() {
        return connection().numActiveStreams() > 0 || leakedStreams > 0;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        this.ctx = ctx;
        // The connection window is not a SETTING; it can only grow by WINDOW_UPDATE, sent right
        // after our SETTINGS.
        decoder().flowController().incrementWindowSize(connection().connectionStream(),
                CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
        flush(ctx);
    }

    /**
     * Graceful end of the connection: GOAWAY(NO_ERROR) naming the highest stream the peer has
     * opened, then close once every stream up to it is done (Netty's graceful close, bounded by
     * the graceful shutdown timeout). Responses already queued are flushed first so they precede
     * the GOAWAY on the wire.
     */
    void goAwayGracefully(ChannelHandlerContext ctx) {
        if (connection().goAwaySent()) {
            return;
        }
        flush(ctx);
        try {
            close(ctx, ctx.newPromise());
        } catch (Exception e) {
            ctx.close();
        }
    }

    /** Builds one handler per connection. */
    static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Http2ServerHandler, Builder> {

        private final ServerConfig config;
        private final ServerCounters stats;
        private final Routes routes;

        Builder(ServerConfig config, ServerCounters stats, Routes routes) {
            this.config = config;
            this.stats = stats;
            this.routes = routes;
            // Netty's default distributor hands out the connection's send budget in 1 KiB slices,
            // round-robin over the streams with data: with many concurrent bodies that means 1 KiB
            // DATA frames, each with its own header, slice and promise. Whole frames per stream per
            // round cost a fraction of that; priorities (deprecated by RFC 9113) are ignored.
            DefaultHttp2Connection connection = new DefaultHttp2Connection(true);
            UniformStreamByteDistributor distributor = new UniformStreamByteDistributor(connection);
            distributor.minAllocationChunk(Http2BodyStreamer.CHUNK);
            connection.remote().flowController(new DefaultHttp2RemoteFlowController(connection, distributor));
            connection(connection); // a server connection: makes this a server-side handler
            initialSettings(Http2Settings.defaultSettings()
                    .maxConcurrentStreams(config.maxConcurrentStreams())
                    .initialWindowSize(STREAM_WINDOW));
            // Netty's rapid-reset guards (200 RST_STREAM per 30 s each way) would turn a load
            // tester cancelling stalled streams, or our own resetEvery, into ENHANCE_YOUR_CALM
            // connection errors and blur the fault picture; the stream limit still bounds work.
            decoderEnforceMaxRstFramesPerWindow(0, 0);
            encoderEnforceMaxRstFramesPerWindow(0, 0);
        }

        @Override
        public Http2ServerHandler build() {
            return super.build();
        }

        @Override
        protected Http2ServerHandler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                           Http2Settings initialSettings) {
            return new Http2ServerHandler(decoder, encoder, initialSettings, stats, new FaultSchedule(config.faults()), config.leaks(), routes);
        }
    }
}
