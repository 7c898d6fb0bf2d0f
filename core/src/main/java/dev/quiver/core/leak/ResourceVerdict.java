package dev.quiver.core.leak;

import java.util.List;

/**
 * One resource judged: its key figures, the slope against completed requests, and the verdict in words.
 *
 * @param watcher the watcher that read it
 * @param baseline median before the load; NaN when the watcher had no reading then
 * @param endOfLoad last reading of the load; NaN without one
 * @param endOfCooldown what it came down to in cool-down; NaN without cool-down readings
 * @param slopePer1k growth per 1k completed requests during the load (after warm-up); null when it could not be fitted
 * @param reason the verdict in plain words
 * @param points every reading, for sparklines and the JSON report
 */
public record ResourceVerdict(String watcher, Resource resource, double baseline, double peak, double endOfLoad,
                              double endOfCooldown, Slope slopePer1k, Verdict verdict, String reason,
                              List<Point> points) {
}
