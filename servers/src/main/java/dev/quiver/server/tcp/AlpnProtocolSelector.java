package dev.quiver.server.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import javax.net.ssl.SSLException;

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

    /**
     * A failure before the protocol is settled (above all a peer that resets during the handshake)
     * goes to {@link dev.quiver.server.error.CloseOnErrorHandler} like any other connection's, instead of Netty's warning
     * with a stack trace per connection: hundreds of them when a TLS flood is turned away.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            super.exceptionCaught(ctx, cause); // a failed handshake: handshakeFailure above
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
