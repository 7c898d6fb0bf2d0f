package dev.quiver.quic.kwik.interop;

import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropSettings;
import java.util.ArrayList;
import java.util.List;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicSessionTicket;

/**
 * The Kwik connections of one case: each new one resumes with the latest session ticket an earlier
 * one received, as one TLS context would.
 */
final class KwikInteropClient implements InteropClient {

    private final InteropSettings settings;
    private final ClientOptions options;
    /** This case's connections (a handful; closed with the client). */
    private final List<KwikInteropConnection> connections = new ArrayList<>();

    KwikInteropClient(InteropSettings settings, ClientOptions options) {
        this.settings = settings;
        this.options = options;
    }

    @Override
    public KwikInteropConnection connect() throws Exception {
        return open(null);
    }

    @Override
    public KwikInteropConnection connectEarly(String path) throws Exception {
        return open(EarlyRequest.get(settings.target().authority(), path));
    }

    private synchronized KwikInteropConnection open(byte[] earlyRequest) throws Exception {
        QuicConnection.QuicVersion version = "v2".equals(options.version()) ? QuicConnection.QuicVersion.V2 : null;
        var o = new KwikInteropConnection.Options(version, options.cipherSuite(), ticket(), options.streamWindow(),
                earlyRequest);
        KwikInteropConnection c = KwikInteropConnection.open(settings, o);
        connections.add(c);
        return c;
    }

    /** The latest ticket of the latest connection that got one, or null. */
    private QuicSessionTicket ticket() {
        for (int i = connections.size() - 1; i >= 0; i--) {
            QuicSessionTicket t = connections.get(i).latestTicket();
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        connections.forEach(KwikInteropConnection::close);
        connections.clear();
    }
}
