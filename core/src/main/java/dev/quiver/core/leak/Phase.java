package dev.quiver.core.leak;

/** The stages of a leak check, in order. Samples are tagged with the phase they were taken in. */
public enum Phase {
    /** Before any load: what the resource is at rest. */
    BASELINE,
    /** The first part of the load: pools fill and caches warm; excluded from the slope. */
    WARMUP,
    /** Load: the slope of each resource against completed requests is measured here. */
    LOAD,
    /** No load: does the resource come back down? */
    COOLDOWN;

    public String key() {
        return name().toLowerCase();
    }
}
