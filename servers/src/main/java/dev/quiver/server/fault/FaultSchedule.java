package dev.quiver.server.fault;

/**
 * Decides, request by request, which fault (if any) hits a connection. One instance per
 * connection, used only on that connection's event loop, so the counter needs no synchronisation.
 */
public final class FaultSchedule {

    /** When several switches hit the same request, the first of these wins: the most disruptive. */
    private static final Fault[] PRECEDENCE = {Fault.CLOSE, Fault.SILENT_CLOSE, Fault.RESET, Fault.STALL, Fault.GOAWAY};

    private final FaultSwitches switches;
    private final boolean enabled;
    private long requests;

    public FaultSchedule(FaultSwitches switches) {
        this.switches = switches;
        this.enabled = switches.enabled();
    }

    /**
     * Counts one more request on this connection and returns the fault for it, or {@code null}
     * to answer normally; each request sees at most one fault.
     */
    public Fault next() {
        if (!enabled) {
            return null;
        }
        long n = ++requests;
        for (Fault fault : PRECEDENCE) {
            int every = switches.every(fault);
            if (every > 0 && n % every == 0) {
                return fault;
            }
        }
        return null;
    }
}
