package dev.quiver.server.h3;

import dev.quiver.http3.LocalSettings;
import dev.quiver.http3.PeerStreamType;
import dev.quiver.server.error.CloseOnErrorHandler;
import dev.quiver.server.route.Routes;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

/**
 * HTTP/3 on one QUIC connection, on raw streams: opens the server's control stream with its
 * SETTINGS ({@link LocalSettings}: no QPACK dynamic table), and gives each stream the client opens
 * its handler before Netty registers it (at the end of this pipeline): a request stream a
 * {@link RequestStreamHandler} (or, with {@code --leak-streams}, a {@link CreditHoldingResponder}),
 * a unidirectional one a {@link ClientStreamHandler}.
 */
final class Http3ConnectionHandler extends ChannelInboundHandlerAdapter {

    private final ConnectionState state;
    private final Routes routes;
    private final boolean leakStreams;
    private final PeerStreamType.Seen clientStreams = new PeerStreamType.Seen();
    private boolean controlOpened;

    Http3ConnectionHandler(ConnectionState state, Routes routes, boolean leakStreams) {
        this.state = state;
        this.routes = routes;
        this.leakStreams = leakStreams;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            openControlStream((QuicChannel) ctx.channel());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        openControlStream((QuicChannel) ctx.channel());
        ctx.fireChannelActive();
    }

    private void openControlStream(QuicChannel channel) {
        if (controlOpened) {
            return;
        }
        controlOpened = true;
        channel.createStream(QuicStreamType.UNIDIRECTIONAL, CloseOnErrorHandler.INSTANCE).addListener(f -> {
            if (!f.isSuccess()) {
                state.connectionError(dev.quiver.http3.H3Error.H3_STREAM_CREATION_ERROR, "control stream not opened");
                return;
            }
            QuicStreamChannel control = (QuicStreamChannel) f.getNow();
            control.writeAndFlush(Unpooled.wrappedBuffer(LocalSettings.controlStream()));
            state.controlStream(control);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof QuicStreamChannel stream) {
            if (stream.type() == QuicStreamType.UNIDIRECTIONAL) {
                stream.pipeline().addLast(new ClientStreamHandler(state, clientStreams));
            } else if (leakStreams) {
                // Never read: the stream is never freed and its credit never returned.
                stream.config().setAutoRead(false);
                stream.pipeline().addLast(new CreditHoldingResponder(state));
            } else {
                // Half-closure: the request's FIN ends its input only, the response still goes out.
                stream.config().setAllowHalfClosure(true);
                stream.pipeline().addLast(new RequestStreamHandler(state, routes));
            }
            // A stream whose connection closed under it (an abrupt close, --close-every) reads a
            // ClosedChannelException: close the stream, never a stack trace on stderr.
            stream.pipeline().addLast(CloseOnErrorHandler.NAME, CloseOnErrorHandler.INSTANCE);
        }
        ctx.fireChannelRead(msg);
    }
}
