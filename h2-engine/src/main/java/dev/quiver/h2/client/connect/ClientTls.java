package dev.quiver.h2.client.connect;

import dev.quiver.core.engine.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/** The client's TLS context: ALPN offers what the user asked for; OpenSSL (BoringSSL) when it loads. */
public final class ClientTls {

    /**
     * Session tickets kept for resumption. TLS 1.3 tickets are single-use and a server sends two per
     * handshake, so the default cache (20,480) filled with about 1.5 unused tickets per connection: at
     * 10,000 HTTP/2 connections 14,000 of them held 52 MB of native memory (3.8 KB each). Reconnects
     * need only a few at a time (a finished handshake brings two more); the cache drops its oldest first.
     */
    static final int SESSION_CACHE_SIZE = 1024;

    /**
     * OpenSSL's buffer for the handshake and alert bytes it writes on its own, allocated in native
     * memory for every connection and kept for its life (Netty's default 2048). A client's such
     * writes are its ClientHello (a few hundred bytes), Finished and close_notify; a larger
     * ClientHello (a long session ticket) is taken out of the buffer in two pieces.
     */
    static final int NON_APPLICATION_BUFFER_SIZE = 1024;

    private ClientTls() {
    }

    /** @param protocol the protocol asked for, or null to offer h2 then http/1.1 */
    public static SslContext context(Protocol protocol, boolean insecure) throws SSLException {
        List<String> alpn = new ArrayList<>();
        if (protocol == null || protocol == Protocol.HTTP_2) {
            alpn.add(ApplicationProtocolNames.HTTP_2);
        }
        if (protocol == null || protocol == Protocol.HTTP_1_1) {
            alpn.add(ApplicationProtocolNames.HTTP_1_1);
        }
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        alpn));
        if (insecure) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        SslContext context = b.build();
        context.sessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
        if (context instanceof ReferenceCountedOpenSslContext openSsl) {
            openSsl.setBioNonApplicationBufferSize(NON_APPLICATION_BUFFER_SIZE);
        }
        return context;
    }
}
