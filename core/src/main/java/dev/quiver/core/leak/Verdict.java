package dev.quiver.core.leak;

/** What a leak check concludes about one resource. */
public enum Verdict {
    /** Did not grow with the requests. */
    NO_LEAK("no leak"),
    /** Grew with the requests but came back down in cool-down: a pool or a cache, not a leak. */
    RETURNED("no leak (returned)"),
    /** Grew with the requests and stayed up, or the load stalled while it grew. */
    LEAK("LEAK"),
    /** Too few readings to judge: the watcher failed. Neither a pass nor a leak. */
    UNKNOWN("unknown");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase();
    }
}
