package dev.quiver.server.h3;

import dev.quiver.http3.PeerStreamHandler;
import dev.quiver.http3.PeerStreamType;
import io.netty.channel.ChannelHandlerContext;

/**
 * One unidirectional stream the client opened. Its control stream starts with SETTINGS
 * ({@link dev.quiver.http3.ControlFrames#ofClient()}); a client's GOAWAY names push ids, and this
 * server never pushes, so it changes nothing.
 */
final class ClientStreamHandler extends PeerStreamHandler {

    private final ConnectionState connection;

    ClientStreamHandler(ConnectionState connection, PeerStreamType.Seen seen) {
        super(seen, false);
        this.connection = connection;
    }

    @Override
    protected void connectionError(long code, String message) {
        connection.connectionError(code, message);
    }

    @Override
    protected void goaway(long id) {
        // checked by the rules; nothing to do for a server that never pushes
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        super.exceptionCaught(ctx, cause);
        ctx.close();
    }
}
