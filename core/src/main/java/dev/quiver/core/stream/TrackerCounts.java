package dev.quiver.core.stream;

import java.util.EnumMap;
import java.util.Map;

/**
 * The tracker's books at one moment.
 *
 * @param live streams in the tracker's maps right now (counted in the maps, not derived)
 * @param doubleTerminal second terminal events for a stream that had already ended: a defect
 * @param forcedByWatchdog streams the watchdog had to end itself because the engine did not act
 *                         on an expiry: a defect of the engine
 */
public record TrackerCounts(long opened, Map<StreamState, Long> terminal, long live, long doubleTerminal,
                            long forcedByWatchdog, long connectionsRegistered, long connectionsLive) {

    public TrackerCounts {
        terminal = Map.copyOf(new EnumMap<>(terminal));
    }

    public long terminal(StreamState s) {
        return terminal.getOrDefault(s, 0L);
    }

    public long terminalSum() {
        long sum = 0;
        for (long v : terminal.values()) {
            sum += v;
        }
        return sum;
    }

    /** The end-of-run invariant: nothing live, and every opened stream reached exactly one terminal state. */
    public boolean balanced() {
        return live == 0 && opened == terminalSum() && doubleTerminal == 0;
    }
}
