package dev.quiver.quic.kwik;

import dev.quiver.quic.kwik.h3.PeerStreams;
import tech.kwik.core.QuicClientConnection;

/**
 * What the server's control stream says, passed to the connection: a GOAWAY, also one that came
 * before the connection object existed (between the handshake and {@link #attach}); a broken
 * control stream closes the QUIC connection with the HTTP/3 error it calls for.
 */
final class ServerSignals implements PeerStreams.Listener {

    private static final long NONE = -1;

    private final KwikEngine engine;
    private final QuicClientConnection quic;
    private KwikConnection connection;
    /** The lowest GOAWAY id that came before {@link #attach}. */
    private long early = NONE;

    ServerSignals(KwikEngine engine, QuicClientConnection quic) {
        this.engine = engine;
        this.quic = quic;
    }

    synchronized void attach(KwikConnection c) {
        connection = c;
        if (early != NONE) {
            c.goawayReceived(early);
        }
    }

    @Override
    public void goaway(long streamId) {
        KwikConnection c;
        synchronized (this) {
            c = connection;
            if (c == null) {
                early = early == NONE ? streamId : Math.min(early, streamId);
                return;
            }
        }
        c.goawayReceived(streamId);
    }

    @Override
    public void connectionError(long code, String reason) {
        engine.closeQuietly(quic, code, reason);
    }
}
