package dev.quiver.server.h3;

import dev.quiver.server.config.ReferenceServerConfig;
import dev.quiver.server.fault.FaultSwitches;
import dev.quiver.server.fault.InjectedLeaks;
import dev.quiver.server.route.WwwDirectory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link Http3EmbeddedServer} listens on, what QUIC credit it grants and which faults it
 * injects.
 *
 * <p>Faults: see {@link FaultSwitches} for how they are counted and which wins when several hit
 * the same request, {@link Http3EmbeddedServer} for what each does on the wire.
 *
 * @param host        address to bind, e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}
 * @param port        UDP port; {@value #EPHEMERAL} picks a free one (read it back from {@link Http3EmbeddedServer#port()})
 * @param threads     event-loop threads; above 1 the port is bound once per thread with
 *                    SO_REUSEPORT (epoll only, otherwise one socket is used)
 * @param certificateChain the certificates the server sends, its own first (for example the self-signed one the TCP server uses)
 * @param privateKey  the key of the first certificate
 * @param maxStreams  QUIC initial_max_streams_bidi: concurrent requests each client may open
 * @param retry       answer a first Initial with a Retry (address validation) before accepting it
 * @param idleTimeout QUIC max_idle_timeout the server advertises
 * @param requestsPerConnection requests a connection may carry before the server sends GOAWAY and the
 *                    client moves to a new one; 0 for no limit. quiche, as Netty ships it, keeps the
 *                    id of every stream a connection has had (10-20 bytes each), so a connection
 *                    that lives for millions of requests grows the server without bound
 * @param faults      fault switches: goaway (HTTP/3 GOAWAY, then close once drained), close
 *                    (CONNECTION_CLOSE H3_INTERNAL_ERROR), reset (RESET_STREAM mid-body), stall,
 *                    silent close (the connection's state dropped without telling the client)
 * @param leaks       leaks committed on purpose (for {@code quiver leak-check}); {@link InjectedLeaks#NONE} normally
 * @param www         the directory whose files are served besides the routes, or {@code null} for none
 */
public record Http3ServerConfig(
        String host,
        int port,
        int threads,
        List<X509Certificate> certificateChain,
        PrivateKey privateKey,
        int maxStreams,
        boolean retry,
        Duration idleTimeout,
        int requestsPerConnection,
        FaultSwitches faults,
        InjectedLeaks leaks,
        WwwDirectory www) implements ReferenceServerConfig {

    /** Port value that binds a free port chosen by the OS. */
    public static final int EPHEMERAL = 0;
    /** Default initial_max_streams_bidi. */
    public static final int DEFAULT_MAX_STREAMS = 100;
    /** Default max_idle_timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Default requests per connection: 2^20, which bounds quiche's set of stream ids under 2^21 slots of
     * 8 bytes a connection and leaves a million-request benchmark on one connection (gtlsclient -n 1000000) whole.
     */
    public static final int DEFAULT_REQUESTS_PER_CONNECTION = 1 << 20;

    /** Validates the values; see the class comment for their meaning. */
    public Http3ServerConfig {
        ReferenceServerConfig.validate(host, threads, faults, leaks);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (ephemeral) or 1..65535, got " + port);
        }
        Objects.requireNonNull(certificateChain, "certificateChain");
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        certificateChain = List.copyOf(certificateChain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be >= 1, got " + maxStreams);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (requestsPerConnection < 0) {
            throw new IllegalArgumentException("requestsPerConnection must be >= 0 (0: no limit), got " + requestsPerConnection);
        }
    }

    /**
     * A builder with the defaults: 127.0.0.1, ephemeral port, one thread per processor, 100 streams,
     * GOAWAY after 2^20 requests on a connection, no faults.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's own certificate, the chain's first. */
    public X509Certificate certificate() {
        return certificateChain.get(0);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().from(this).port(port).certificateChain(certificateChain, privateKey)
                .maxStreams(maxStreams).retry(retry).idleTimeout(idleTimeout).requestsPerConnection(requestsPerConnection);
    }

    /** Mutable builder for {@link Http3ServerConfig}; every setter returns {@code this}. */
    public static final class Builder extends ReferenceServerConfig.Builder<Builder> {
        private int port = EPHEMERAL;
        private List<X509Certificate> certificateChain;
        private PrivateKey privateKey;
        private int maxStreams = DEFAULT_MAX_STREAMS;
        private boolean retry;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int requestsPerConnection = DEFAULT_REQUESTS_PER_CONNECTION;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The certificate and its key; required (or {@link #certificateChain}). */
        public Builder certificate(X509Certificate certificate, PrivateKey privateKey) {
            return certificateChain(certificate == null ? null : List.of(certificate), privateKey);
        }

        /** The certificates the server sends, its own first, and the key of that one. */
        public Builder certificateChain(List<X509Certificate> chain, PrivateKey privateKey) {
            this.certificateChain = chain;
            this.privateKey = privateKey;
            return this;
        }

        public Builder maxStreams(int maxStreams) {
            this.maxStreams = maxStreams;
            return this;
        }

        public Builder retry(boolean retry) {
            this.retry = retry;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** GOAWAY after this many requests on a connection; 0 for no limit. */
        public Builder requestsPerConnection(int requestsPerConnection) {
            this.requestsPerConnection = requestsPerConnection;
            return this;
        }

        @Override
        public Builder silentCloseEvery(int silentCloseEvery) {
            return super.silentCloseEvery(silentCloseEvery);
        }

        /** @throws IllegalArgumentException if a value is out of range or the certificate is missing */
        public Http3ServerConfig build() {
            return new Http3ServerConfig(host(), port, threads(), certificateChain, privateKey, maxStreams, retry,
                    idleTimeout, requestsPerConnection, faults(), leaks(), www());
        }
    }
}
