package dev.quiver.server.tcp;

import dev.quiver.server.config.ReferenceServerConfig;
import dev.quiver.server.fault.FaultSwitches;
import dev.quiver.server.fault.InjectedLeaks;
import dev.quiver.server.route.WwwDirectory;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the {@link EmbeddedServer} listens on and which faults it injects.
 *
 * <p>Ports: {@value #EPHEMERAL} picks a free port (read it back from {@link EmbeddedServer#tlsPort()}
 * / {@link EmbeddedServer#plainPort()}), {@value #DISABLED} turns the listener off. At least one
 * listener must be enabled.
 *
 * <p>Faults: see {@link FaultSwitches} for how they are counted and which wins when several hit
 * the same request, {@link EmbeddedServer} for what each does on the wire. Silent close is HTTP/3's
 * alone.
 *
 * @param host                 address to bind, e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}
 * @param tlsPort              TLS port (ALPN h2 and http/1.1)
 * @param plainPort            cleartext port (HTTP/1.1 and h2c with prior knowledge)
 * @param threads              event-loop threads shared by both listeners
 * @param maxConcurrentStreams HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS advertised to each client
 * @param faults               fault switches: goaway (HTTP/2 GOAWAY, HTTP/1.1 {@code Connection: close}),
 *                             close, reset, stall
 * @param certificate          the TLS certificate, or {@code null} to generate a fresh self-signed one at start
 * @param leaks                leaks committed on purpose (for {@code quiver leak-check}); {@link InjectedLeaks#NONE} normally
 * @param metricsPage          the Prometheus text served at {@code GET /metrics} over HTTP/1.1, or {@code null} for none
 * @param idleTimeout          a connection that sends nothing for this long while none of its requests is being
 *                             answered is closed ({@link IdleTimeout}); {@link Duration#ZERO} for never
 * @param www                  the directory whose files are served besides the routes, or {@code null} for none
 */
public record ServerConfig(
        String host,
        int tlsPort,
        int plainPort,
        int threads,
        int maxConcurrentStreams,
        FaultSwitches faults,
        SelfSignedCertificate certificate,
        InjectedLeaks leaks,
        Supplier<String> metricsPage,
        Duration idleTimeout,
        WwwDirectory www) implements ReferenceServerConfig {

    /** Port value that disables a listener. */
    public static final int DISABLED = -1;
    /** Port value that binds a free port chosen by the OS. */
    public static final int EPHEMERAL = 0;
    /** Default HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 1000;
    /** Default idle timeout: as long as common servers give a client to send its next request. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Validates the values; see the class comment for their meaning. */
    public ServerConfig {
        ReferenceServerConfig.validate(host, threads, faults, leaks);
        checkPort("tlsPort", tlsPort);
        checkPort("plainPort", plainPort);
        if (tlsPort == DISABLED && plainPort == DISABLED) {
            throw new IllegalArgumentException("at least one of tlsPort and plainPort must be enabled");
        }
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be >= 1, got " + maxConcurrentStreams);
        }
        if (faults.silentCloseEvery() > 0) {
            throw new IllegalArgumentException("silentCloseEvery is for HTTP/3 only");
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must be >= 0 (0 = never), got " + idleTimeout);
        }
    }

    /** Defaults: 127.0.0.1, both listeners on ephemeral ports, one thread per processor, no faults, 60 s idle timeout. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().from(this)
                .tlsPort(tlsPort).plainPort(plainPort).maxConcurrentStreams(maxConcurrentStreams)
                .certificate(certificate).metricsPage(metricsPage).idleTimeout(idleTimeout);
    }

    private static void checkPort(String name, int port) {
        if (port < DISABLED || port > 65535) {
            throw new IllegalArgumentException(name + " must be -1 (disabled), 0 (ephemeral) or 1..65535, got " + port);
        }
    }

    /** Mutable builder for {@link ServerConfig}; every setter returns {@code this}. */
    public static final class Builder extends ReferenceServerConfig.Builder<Builder> {
        private int tlsPort = EPHEMERAL;
        private int plainPort = EPHEMERAL;
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private SelfSignedCertificate certificate;
        private Supplier<String> metricsPage;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder tlsPort(int tlsPort) {
            this.tlsPort = tlsPort;
            return this;
        }

        public Builder plainPort(int plainPort) {
            this.plainPort = plainPort;
            return this;
        }

        public Builder maxConcurrentStreams(int maxConcurrentStreams) {
            this.maxConcurrentStreams = maxConcurrentStreams;
            return this;
        }

        /** Certificate for the TLS listener; {@code null} (default) generates one at start. */
        public Builder certificate(SelfSignedCertificate certificate) {
            this.certificate = certificate;
            return this;
        }

        /** Serves this text at {@code GET /metrics} (HTTP/1.1) as Prometheus text format; null for no such route. */
        public Builder metricsPage(Supplier<String> metricsPage) {
            this.metricsPage = metricsPage;
            return this;
        }

        /** Closes connections idle this long with nothing being answered; {@link Duration#ZERO} for never. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of range */
        public ServerConfig build() {
            return new ServerConfig(host(), tlsPort, plainPort, threads(), maxConcurrentStreams, faults(),
                    certificate, leaks(), metricsPage, idleTimeout, www());
        }
    }
}
