package dev.quiver.quic.netty;

import dev.quiver.http3.PeerStreamHandler;
import dev.quiver.http3.PeerStreamType;

/** One unidirectional stream the server opened; its GOAWAY goes to the connection. */
final class ServerStreamHandler extends PeerStreamHandler {

    private final Http3ClientConnection connection;

    ServerStreamHandler(Http3ClientConnection connection, PeerStreamType.Seen seen) {
        super(seen, true);
        this.connection = connection;
    }

    @Override
    protected void connectionError(long code, String message) {
        connection.onConnectionError(code, message);
    }

    @Override
    protected void goaway(long id) {
        connection.onGoaway(id);
    }

    @Override
    protected boolean closing() {
        return connection.closing();
    }
}
