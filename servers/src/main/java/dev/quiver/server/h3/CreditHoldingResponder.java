package dev.quiver.server.h3;

import dev.quiver.server.route.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;

/**
 * {@code --leak-streams} on HTTP/3: answers each request stream with the hello response and its
 * FIN without ever reading the request. The client gets a complete response, but quiche keeps the
 * stream (its request bytes are never consumed), so the stream is never freed and no MAX_STREAMS
 * credit comes back for it: the server's stream map leaks and the client's credit runs out.
 */
final class CreditHoldingResponder extends ChannelInboundHandlerAdapter {

    private final ConnectionState connection;
    private boolean answered;

    CreditHoldingResponder(ConnectionState connection) {
        this.connection = connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection.streamOpened((QuicStreamChannel) ctx.channel());
        if (ctx.channel().isActive()) {
            answer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        answer(ctx);
        ctx.fireChannelActive();
    }

    private void answer(ChannelHandlerContext ctx) {
        if (answered) {
            return;
        }
        answered = true;
        if (!connection.admit((QuicStreamChannel) ctx.channel())) {
            return;
        }
        ctx.writeAndFlush(new DefaultQuicStreamFrame(Http3Responses.fixed(Route.Fixed.HELLO, false), true));
        connection.stats().responseCompleted();
    }
}
