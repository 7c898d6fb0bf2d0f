package dev.quiver.core.leak;

/**
 * One sample of one resource.
 *
 * @param seconds since the start of the check (the baseline's first sample is near 0)
 * @param requests requests completed so far in the load (0 before it)
 */
public record Point(double seconds, Phase phase, long requests, double value) {
}
