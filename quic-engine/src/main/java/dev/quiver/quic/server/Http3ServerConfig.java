package dev.quiver.quic.server;

import dev.quiver.core.serve.FaultSwitches;
import dev.quiver.core.serve.InjectedLeaks;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * What the {@link Http3EmbeddedServer} listens on, what QUIC credit it grants and which faults it
 * injects.
 *
 * <p>Faults: each {@code ...Every} switch is off at 0; at N it hits the Nth, 2Nth, ... request
 * <em>on each connection</em>. When several switches hit the same request only one applies, in
 * this order: close, silent close, reset, stall, goaway. See {@link Http3EmbeddedServer} for what
 * each fault does on the wire.
 *
 * @param host             address to bind, e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}
 * @param port             UDP port; {@value #EPHEMERAL} picks a free one (read it back from {@link Http3EmbeddedServer#port()})
 * @param threads          event-loop threads; above 1 the port is bound once per thread with
 *                         SO_REUSEPORT (epoll only, otherwise one socket is used)
 * @param certificate      the server certificate (for example the self-signed one the TCP server uses)
 * @param privateKey       the key of {@code certificate}
 * @param maxStreams       QUIC initial_max_streams_bidi: concurrent requests each client may open
 * @param retry            answer a first Initial with a Retry (address validation) before accepting it
 * @param idleTimeout      QUIC max_idle_timeout the server advertises
 * @param goawayEvery      answer every Nth request, then HTTP/3 GOAWAY and close once drained
 * @param closeEvery       CONNECTION_CLOSE (H3_INTERNAL_ERROR) when every Nth request arrives
 * @param resetEvery       every Nth response is cut off by RESET_STREAM(H3_INTERNAL_ERROR) mid-body
 * @param stallEvery       every Nth request is never answered
 * @param silentCloseEvery when every Nth request arrives the connection's state is dropped
 *                         without telling the client (no CONNECTION_CLOSE, later packets ignored)
 * @param leaks            leaks committed on purpose (for {@code quiver leak-check}); {@link InjectedLeaks#NONE} normally
 */
public record Http3ServerConfig(
        String host,
        int port,
        int threads,
        X509Certificate certificate,
        PrivateKey privateKey,
        int maxStreams,
        boolean retry,
        Duration idleTimeout,
        int goawayEvery,
        int closeEvery,
        int resetEvery,
        int stallEvery,
        int silentCloseEvery,
        InjectedLeaks leaks) {

    /** Port value that binds a free port chosen by the OS. */
    public static final int EPHEMERAL = 0;
    /** Default initial_max_streams_bidi. */
    public static final int DEFAULT_MAX_STREAMS = 100;
    /** Default max_idle_timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** Validates the values; see the class comment for their meaning. */
    public Http3ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (ephemeral) or 1..65535, got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be >= 1, got " + maxStreams);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        checkEvery("goawayEvery", goawayEvery);
        checkEvery("closeEvery", closeEvery);
        checkEvery("resetEvery", resetEvery);
        checkEvery("stallEvery", stallEvery);
        checkEvery("silentCloseEvery", silentCloseEvery);
        Objects.requireNonNull(leaks, "leaks (InjectedLeaks.NONE for none)");
    }

    /** A builder with the defaults: 127.0.0.1, ephemeral port, one thread per processor, 100 streams, no faults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).threads(threads).certificate(certificate, privateKey)
                .maxStreams(maxStreams).retry(retry).idleTimeout(idleTimeout)
                .goawayEvery(goawayEvery).closeEvery(closeEvery).resetEvery(resetEvery)
                .stallEvery(stallEvery).silentCloseEvery(silentCloseEvery).leaks(leaks);
    }

    /** The fault switches. */
    public FaultSwitches faults() {
        return new FaultSwitches(goawayEvery, closeEvery, resetEvery, stallEvery, silentCloseEvery);
    }

    /** True if any fault switch is on. */
    public boolean faultsEnabled() {
        return faults().enabled();
    }

    private static void checkEvery(String name, int every) {
        if (every < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 = off), got " + every);
        }
    }

    /** Mutable builder for {@link Http3ServerConfig}; every setter returns {@code this}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = EPHEMERAL;
        private int threads = Runtime.getRuntime().availableProcessors();
        private X509Certificate certificate;
        private PrivateKey privateKey;
        private int maxStreams = DEFAULT_MAX_STREAMS;
        private boolean retry;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int goawayEvery;
        private int closeEvery;
        private int resetEvery;
        private int stallEvery;
        private int silentCloseEvery;
        private InjectedLeaks leaks = InjectedLeaks.NONE;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The certificate and its key; required. */
        public Builder certificate(X509Certificate certificate, PrivateKey privateKey) {
            this.certificate = certificate;
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

        public Builder goawayEvery(int goawayEvery) {
            this.goawayEvery = goawayEvery;
            return this;
        }

        public Builder closeEvery(int closeEvery) {
            this.closeEvery = closeEvery;
            return this;
        }

        public Builder resetEvery(int resetEvery) {
            this.resetEvery = resetEvery;
            return this;
        }

        public Builder stallEvery(int stallEvery) {
            this.stallEvery = stallEvery;
            return this;
        }

        public Builder silentCloseEvery(int silentCloseEvery) {
            this.silentCloseEvery = silentCloseEvery;
            return this;
        }

        public Builder leaks(InjectedLeaks leaks) {
            this.leaks = leaks;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of range or the certificate is missing */
        public Http3ServerConfig build() {
            return new Http3ServerConfig(host, port, threads, certificate, privateKey, maxStreams, retry,
                    idleTimeout, goawayEvery, closeEvery, resetEvery, stallEvery, silentCloseEvery, leaks);
        }
    }
}
