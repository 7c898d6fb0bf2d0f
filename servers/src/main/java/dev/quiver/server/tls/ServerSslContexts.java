package dev.quiver.server.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLException;

/** Builds the server-side Netty {@link SslContext}s of the embedded server. */
public final class ServerSslContexts {

    private ServerSslContexts() {
    }

    /**
     * The TLS implementation to use: BoringSSL through netty-tcnative when it loads on this
     * machine (several times cheaper per handshake and per byte than the JDK), otherwise the JDK.
     */
    public static SslProvider preferredProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * A server context for {@code certificate} (and its chain) that offers {@code h2} and then {@code http/1.1}
     * through ALPN. A client that sends no ALPN extension gets HTTP/1.1 (the negotiation handler's
     * fallback). Cipher suites are limited to those HTTP/2 allows (RFC 9113 §9.2.2).
     *
     * @throws IllegalStateException if the TLS provider rejects the key or certificate
     */
    public static SslContext http2AndHttp11(SelfSignedCertificate certificate) {
        try {
            return SslContextBuilder.forServer(certificate.privateKey(), certificate.certificatePath())
                    .sslProvider(preferredProvider())
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            Protocol.ALPN,
                            // Both behaviours are the only ones every provider supports.
                            SelectorFailureBehavior.NO_ADVERTISE,
                            SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }
}
