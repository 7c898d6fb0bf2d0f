package dev.quiver.server.config;

import dev.quiver.server.fault.FaultSwitches;
import dev.quiver.server.fault.InjectedLeaks;
import dev.quiver.server.route.Routes;
import dev.quiver.server.route.WwwDirectory;

/**
 * What every reference server's configuration has, whatever its protocol: the address to bind,
 * its event-loop threads, the faults it injects and the leaks it commits on purpose. Each server's
 * configuration record implements this and adds its own (ports, certificate, stream limits ...).
 */
public interface ReferenceServerConfig {

    /** Address to bind, e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}. */
    String host();

    /** Event-loop threads. */
    int threads();

    /** The fault switches; {@link FaultSwitches#NONE} for none. */
    FaultSwitches faults();

    /** Leaks committed on purpose (for {@code quiver leak-check}); {@link InjectedLeaks#NONE} normally. */
    InjectedLeaks leaks();

    /** The directory whose files are served besides the own routes ({@code --www}), or {@code null} for none. */
    WwwDirectory www();

    /** What the server answers for a request path: its own routes, then the files of {@link #www()}. */
    default Routes routes() {
        return Routes.serving(www());
    }

    /** True if any fault switch is on. */
    default boolean faultsEnabled() {
        return faults().enabled();
    }

    /** {@link #host()} as it stands in a URI: an IPv6 address in brackets. */
    default String hostForUri() {
        String host = host();
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Validates the settings this interface covers.
     *
     * @throws IllegalArgumentException if one is missing or out of range
     */
    static void validate(String host, int threads, FaultSwitches faults, InjectedLeaks leaks) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (faults == null) {
            throw new IllegalArgumentException("faults must not be null (FaultSwitches.NONE for none)");
        }
        if (leaks == null) {
            throw new IllegalArgumentException("leaks must not be null (InjectedLeaks.NONE for none)");
        }
    }

    /**
     * The part of a server configuration's builder that sets what {@link ReferenceServerConfig}
     * covers; every setter returns the concrete builder. Defaults: 127.0.0.1, one thread per
     * processor, no faults, no leaks.
     *
     * @param <B> the concrete builder
     */
    abstract class Builder<B extends Builder<B>> {
        private String host = "127.0.0.1";
        private int threads = Runtime.getRuntime().availableProcessors();
        private int goawayEvery;
        private int closeEvery;
        private int resetEvery;
        private int stallEvery;
        private int silentCloseEvery;
        private InjectedLeaks leaks = InjectedLeaks.NONE;
        private WwwDirectory www;

        protected Builder() {
        }

        /** This builder as its concrete type. */
        protected abstract B self();

        public B host(String host) {
            this.host = host;
            return self();
        }

        public B threads(int threads) {
            this.threads = threads;
            return self();
        }

        /** Sets every fault switch at once. */
        public B faults(FaultSwitches faults) {
            goawayEvery = faults.goawayEvery();
            closeEvery = faults.closeEvery();
            resetEvery = faults.resetEvery();
            stallEvery = faults.stallEvery();
            silentCloseEvery = faults.silentCloseEvery();
            return self();
        }

        public B goawayEvery(int goawayEvery) {
            this.goawayEvery = goawayEvery;
            return self();
        }

        public B closeEvery(int closeEvery) {
            this.closeEvery = closeEvery;
            return self();
        }

        public B resetEvery(int resetEvery) {
            this.resetEvery = resetEvery;
            return self();
        }

        public B stallEvery(int stallEvery) {
            this.stallEvery = stallEvery;
            return self();
        }

        /** Protected: only a server that can drop a connection silently (HTTP/3) offers it. */
        protected B silentCloseEvery(int silentCloseEvery) {
            this.silentCloseEvery = silentCloseEvery;
            return self();
        }

        public B leaks(InjectedLeaks leaks) {
            this.leaks = leaks;
            return self();
        }

        /** Serves the files of {@code www} besides the own routes; {@code null} (default) for none. */
        public B www(WwwDirectory www) {
            this.www = www;
            return self();
        }

        /** Starts from the common settings of {@code config}. */
        public B from(ReferenceServerConfig config) {
            return host(config.host()).threads(config.threads()).faults(config.faults()).leaks(config.leaks()).www(config.www());
        }

        protected String host() {
            return host;
        }

        protected int threads() {
            return threads;
        }

        /** @throws IllegalArgumentException if a switch is negative */
        protected FaultSwitches faults() {
            return new FaultSwitches(goawayEvery, closeEvery, resetEvery, stallEvery, silentCloseEvery);
        }

        protected InjectedLeaks leaks() {
            return leaks;
        }

        protected WwwDirectory www() {
            return www;
        }
    }
}
