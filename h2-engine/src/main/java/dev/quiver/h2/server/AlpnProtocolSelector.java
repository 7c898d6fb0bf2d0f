package dev.quiver.h2.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * On the TLS port, installs HTTP/2 or HTTP/1.1 once the handshake has settled the protocol by
 * ALPN; a client that offers no ALPN gets HTTP/1.1.
 */
final class AlpnProtocolSelector extends ApplicationProtocolNegotiationHandler {

    static final String NAME = "alpn";

    private final HttpPipelines pipelines;

    AlpnProtocolSelector(HttpPipelines pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        switch (protocol) {
            case ApplicationProtocolNames.HTTP_2 -> pipelines.addHttp2(ctx.pipeline());
            case ApplicationProtocolNames.HTTP_1_1 -> pipelines.addHttp1(ctx.pipeline());
            default -> throw new IllegalStateException("unexpected ALPN protocol: " + protocol);
        }
    }

    /** Quietly: a client that does not trust the certificate is routine, not worth a warning each time. */
    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
