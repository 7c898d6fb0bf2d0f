package dev.quiver.server.fault;

/**
 * Which faults a reference server injects: each switch is off at 0; at N it hits the Nth, 2Nth,
 * ... request <em>on each connection</em> (counted per connection, so the pattern is the same
 * whatever the number of connections). When several switches hit the same request only one
 * applies, the most disruptive: close, silent close, reset, stall, goaway (see {@link FaultSchedule}).
 *
 * @param goawayEvery      graceful end of the connection after answering every Nth request
 * @param closeEvery       abrupt close when every Nth request arrives
 * @param resetEvery       every Nth response is cut off after its headers and part of its body
 * @param stallEvery       every Nth request is never answered
 * @param silentCloseEvery every Nth request drops the connection without telling the client (HTTP/3)
 */
public record FaultSwitches(int goawayEvery, int closeEvery, int resetEvery, int stallEvery, int silentCloseEvery) {

    /** All switches off. */
    public static final FaultSwitches NONE = new FaultSwitches(0, 0, 0, 0, 0);

    /** Validates the values: each must be {@code >= 0}. */
    public FaultSwitches {
        checkEvery("goawayEvery", goawayEvery);
        checkEvery("closeEvery", closeEvery);
        checkEvery("resetEvery", resetEvery);
        checkEvery("stallEvery", stallEvery);
        checkEvery("silentCloseEvery", silentCloseEvery);
    }

    /** The switch of {@code fault}: N to hit every Nth request, 0 for off. */
    public int every(Fault fault) {
        return switch (fault) {
            case GOAWAY -> goawayEvery;
            case CLOSE -> closeEvery;
            case RESET -> resetEvery;
            case STALL -> stallEvery;
            case SILENT_CLOSE -> silentCloseEvery;
        };
    }

    /** True if any switch is on. */
    public boolean enabled() {
        return goawayEvery > 0 || closeEvery > 0 || resetEvery > 0 || stallEvery > 0 || silentCloseEvery > 0;
    }

    /**
     * The switches that are on, as a server's banner shows them after its address:
     * {@code "  faults: goaway-every=100 stall-every=7"}, or {@code ""} when all are off.
     */
    public String describe() {
        if (!enabled()) {
            return "";
        }
        StringBuilder s = new StringBuilder("  faults:");
        for (Fault fault : Fault.values()) {
            int every = every(fault);
            if (every > 0) {
                s.append(' ').append(fault.label()).append("-every=").append(every);
            }
        }
        return s.toString();
    }

    private static void checkEvery(String name, int every) {
        if (every < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 = off), got " + every);
        }
    }
}
