package dev.quiver.core.leak;

import java.util.List;

/**
 * The outcome of a leak check: every resource judged, and what went wrong with the watchers.
 *
 * @param resources one verdict per resource, watchers that never answered included (as unknown)
 * @param warnings one line per watcher that failed, said once
 */
public record LeakReport(List<ResourceVerdict> resources, List<String> warnings) {

    /** LEAK when any resource leaks; else UNKNOWN when any is unknown; else NO_LEAK. */
    public Verdict overall() {
        if (resources.stream().anyMatch(r -> r.verdict() == Verdict.LEAK)) {
            return Verdict.LEAK;
        }
        if (resources.stream().anyMatch(r -> r.verdict() == Verdict.UNKNOWN)) {
            return Verdict.UNKNOWN;
        }
        return Verdict.NO_LEAK;
    }

    public List<ResourceVerdict> leaks() {
        return resources.stream().filter(r -> r.verdict() == Verdict.LEAK).toList();
    }
}
