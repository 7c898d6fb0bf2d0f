package dev.quiver.core.stats;

import dev.quiver.core.report.Metric;
import dev.quiver.core.stream.TrackerCounts;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * What the reporter thread knows of a run at the end of one interval of its measured part: the
 * counts so far and the histograms of the interval just taken. Made on the reporter thread once per
 * interval from what it read anyway, so that whoever follows a run live (a metrics page, thresholds
 * that may end it early) never touches the event loops' recorders.
 *
 * @param elapsedNanos time since the start of the measured part
 * @param inFlight requests of the measured part started and not yet ended (those waiting for a
 *                 connection or for stream credit included)
 * @param streams the tracker's books now (the whole run, warm-up included)
 * @param creditWaitNanos time requests waited for the peer's stream credit, waits under way included
 * @param interval the interval's histograms, microseconds; lent for the call only (they are reused)
 * @param last whether this is the run's last sample, taken after its load ended
 */
public record LiveSample(long elapsedNanos, long ok, long failed, long aborted, long retried, long inFlight,
                         Map<String, Long> errors, TrackerCounts streams, long connectionsOpened, long connectionsLost,
                         long connectFailures, long goaways, long creditWaitNanos,
                         Map<Metric, ? extends AbstractHistogram> interval, boolean last) {

    /** Requests of the measured part that reached a final outcome. */
    public long finished() {
        return ok + failed + aborted;
    }
}
