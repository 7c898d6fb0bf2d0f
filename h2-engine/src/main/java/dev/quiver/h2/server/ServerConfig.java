package dev.quiver.h2.server;

import dev.quiver.core.serve.FaultSwitches;
import dev.quiver.core.serve.InjectedLeaks;
import dev.quiver.h2.tls.SelfSignedCertificate;
import java.util.function.Supplier;

/**
 * What the {@link EmbeddedServer} listens on and which faults it injects.
 *
 * <p>Ports: {@value #EPHEMERAL} picks a free port (read it back from {@link EmbeddedServer#tlsPort()}
 * / {@link EmbeddedServer#plainPort()}), {@value #DISABLED} turns the listener off. At least one
 * listener must be enabled.
 *
 * <p>Faults: each {@code ...Every} switch is off at 0; at N it hits the Nth, 2Nth, ... request
 * <em>on each connection</em> (counted per connection, so the pattern is the same whatever the
 * number of connections). When several switches hit the same request only one applies, in this
 * order: close, reset, stall, goaway. See {@link EmbeddedServer} for what each fault does on the wire.
 *
 * @param host                 address to bind, e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}
 * @param tlsPort              TLS port (ALPN h2 and http/1.1)
 * @param plainPort            cleartext port (HTTP/1.1 and h2c with prior knowledge)
 * @param threads              event-loop threads shared by both listeners
 * @param maxConcurrentStreams HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS advertised to each client
 * @param goawayEvery          graceful GOAWAY (HTTP/2) or {@code Connection: close} (HTTP/1.1) after every Nth request
 * @param closeEvery           abrupt TCP close when every Nth request arrives
 * @param resetEvery           every Nth response is cut off after its headers and part of its body
 * @param stallEvery           every Nth request is never answered
 * @param certificate          the TLS certificate, or {@code null} to generate a fresh self-signed one at start
 * @param leaks                leaks committed on purpose (for {@code quiver leak-check}); {@link InjectedLeaks#NONE} normally
 * @param metricsPage          the Prometheus text served at {@code GET /metrics} over HTTP/1.1, or {@code null} for none
 */
public record ServerConfig(
        String host,
        int tlsPort,
        int plainPort,
        int threads,
        int maxConcurrentStreams,
        int goawayEvery,
        int closeEvery,
        int resetEvery,
        int stallEvery,
        SelfSignedCertificate certificate,
        InjectedLeaks leaks,
        Supplier<String> metricsPage) {

    /** Port value that disables a listener. */
    public static final int DISABLED = -1;
    /** Port value that binds a free port chosen by the OS. */
    public static final int EPHEMERAL = 0;
    /** Default HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 1000;

    /** Validates the values; see the class comment for their meaning. */
    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        checkPort("tlsPort", tlsPort);
        checkPort("plainPort", plainPort);
        if (tlsPort == DISABLED && plainPort == DISABLED) {
            throw new IllegalArgumentException("at least one of tlsPort and plainPort must be enabled");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be >= 1, got " + maxConcurrentStreams);
        }
        checkEvery("goawayEvery", goawayEvery);
        checkEvery("closeEvery", closeEvery);
        checkEvery("resetEvery", resetEvery);
        checkEvery("stallEvery", stallEvery);
        if (leaks == null) {
            throw new IllegalArgumentException("leaks must not be null (InjectedLeaks.NONE for none)");
        }
    }

    /** Defaults: 127.0.0.1, both listeners on ephemeral ports, one thread per processor, no faults. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .host(host).tlsPort(tlsPort).plainPort(plainPort).threads(threads)
                .maxConcurrentStreams(maxConcurrentStreams)
                .goawayEvery(goawayEvery).closeEvery(closeEvery).resetEvery(resetEvery).stallEvery(stallEvery)
                .certificate(certificate).leaks(leaks).metricsPage(metricsPage);
    }

    /** The fault switches. */
    public FaultSwitches faults() {
        return new FaultSwitches(goawayEvery, closeEvery, resetEvery, stallEvery, 0);
    }

    /** True if any fault switch is on. */
    public boolean faultsEnabled() {
        return faults().enabled();
    }

    private static void checkPort(String name, int port) {
        if (port < DISABLED || port > 65535) {
            throw new IllegalArgumentException(name + " must be -1 (disabled), 0 (ephemeral) or 1..65535, got " + port);
        }
    }

    private static void checkEvery(String name, int every) {
        if (every < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 = off), got " + every);
        }
    }

    /** Mutable builder for {@link ServerConfig}; every setter returns {@code this}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int tlsPort = EPHEMERAL;
        private int plainPort = EPHEMERAL;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private int goawayEvery;
        private int closeEvery;
        private int resetEvery;
        private int stallEvery;
        private SelfSignedCertificate certificate;
        private InjectedLeaks leaks = InjectedLeaks.NONE;
        private Supplier<String> metricsPage;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
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

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder maxConcurrentStreams(int maxConcurrentStreams) {
            this.maxConcurrentStreams = maxConcurrentStreams;
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

        /** Certificate for the TLS listener; {@code null} (default) generates one at start. */
        public Builder certificate(SelfSignedCertificate certificate) {
            this.certificate = certificate;
            return this;
        }

        public Builder leaks(InjectedLeaks leaks) {
            this.leaks = leaks;
            return this;
        }

        /** Serves this text at {@code GET /metrics} (HTTP/1.1) as Prometheus text format; null for no such route. */
        public Builder metricsPage(Supplier<String> metricsPage) {
            this.metricsPage = metricsPage;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of range */
        public ServerConfig build() {
            return new ServerConfig(host, tlsPort, plainPort, threads, maxConcurrentStreams,
                    goawayEvery, closeEvery, resetEvery, stallEvery, certificate, leaks, metricsPage);
        }
    }
}
