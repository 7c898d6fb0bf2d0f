package dev.quiver.h2.server;

/**
 * Decides, request by request, which fault (if any) hits a connection. One instance per
 * connection, used only on that connection's event loop, so the counter needs no synchronisation.
 */
final class FaultSchedule {

    private final int closeEvery;
    private final int resetEvery;
    private final int stallEvery;
    private final int goawayEvery;
    private final boolean enabled;
    private long requests;

    FaultSchedule(ServerConfig config) {
        this.closeEvery = config.closeEvery();
        this.resetEvery = config.resetEvery();
        this.stallEvery = config.stallEvery();
        this.goawayEvery = config.goawayEvery();
        this.enabled = config.faultsEnabled();
    }

    /**
     * Counts one more request on this connection and returns the fault for it, or {@code null}
     * to answer normally. When several switches hit the same request the most disruptive wins
     * (close, reset, stall, goaway), so each request sees at most one fault.
     */
    Fault next() {
        if (!enabled) {
            return null;
        }
        long n = ++requests;
        if (hits(n, closeEvery)) {
            return Fault.CLOSE;
        }
        if (hits(n, resetEvery)) {
            return Fault.RESET;
        }
        if (hits(n, stallEvery)) {
            return Fault.STALL;
        }
        if (hits(n, goawayEvery)) {
            return Fault.GOAWAY;
        }
        return null;
    }

    private static boolean hits(long n, int every) {
        return every > 0 && n % every == 0;
    }
}
