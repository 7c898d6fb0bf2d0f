package dev.quiver.quic.server;

/**
 * Decides, request by request, which fault (if any) hits a connection. One instance per
 * connection, used only on that connection's event loop, so the counter needs no synchronisation.
 */
final class FaultSchedule {

    private final Http3ServerConfig config;
    private final boolean enabled;
    private long requests;

    FaultSchedule(Http3ServerConfig config) {
        this.config = config;
        this.enabled = config.faultsEnabled();
    }

    /**
     * Counts one more request on this connection and returns the fault for it, or {@code null}
     * to answer normally. When several switches hit the same request the most disruptive wins,
     * so each request sees at most one fault.
     */
    Http3Fault next() {
        if (!enabled) {
            return null;
        }
        long n = ++requests;
        if (hits(n, config.closeEvery())) {
            return Http3Fault.CLOSE;
        }
        if (hits(n, config.silentCloseEvery())) {
            return Http3Fault.SILENT_CLOSE;
        }
        if (hits(n, config.resetEvery())) {
            return Http3Fault.RESET;
        }
        if (hits(n, config.stallEvery())) {
            return Http3Fault.STALL;
        }
        if (hits(n, config.goawayEvery())) {
            return Http3Fault.GOAWAY;
        }
        return null;
    }

    private static boolean hits(long n, int every) {
        return every > 0 && n % every == 0;
    }
}
