package dev.quiver.core.leak;

/** One value of one resource at one moment. */
public record Reading(Resource resource, double value) {
}
