package dev.quiver.core.leak;

import java.util.EnumMap;
import java.util.Map;

/**
 * When a resource counts as leaking: its growth per 1k completed requests (the lower bound of the
 * 95% interval must exceed the resource's limit), and what it keeps above its baseline after cool-down.
 *
 * @param maxSlopePer1k per unit, the growth per 1k requests that is still fine
 * @param maxRetained fraction above the baseline a resource may keep after cool-down (0.10 = 10%)
 */
public record Limits(Map<Resource.Unit, Double> maxSlopePer1k, double maxRetained) {

    /**
     * Defaults: 1 MiB per 1k requests (1 KiB a request) for memory; 1 per 1k requests for counts
     * (file descriptors, threads, goroutines, streams); 1 s per 1k requests (1 ms a request) of
     * waiting; 10% retained.
     */
    public static Limits defaults() {
        Map<Resource.Unit, Double> m = new EnumMap<>(Resource.Unit.class);
        m.put(Resource.Unit.BYTES, 1024.0 * 1024);
        m.put(Resource.Unit.COUNT, 1.0);
        m.put(Resource.Unit.MILLIS, 1000.0);
        return new Limits(Map.copyOf(m), 0.10);
    }

    public double maxSlopePer1k(Resource.Unit unit) {
        return maxSlopePer1k.get(unit);
    }

    /** These limits with one unit's slope limit replaced. */
    public Limits withMaxSlope(Resource.Unit unit, double per1k) {
        Map<Resource.Unit, Double> m = new EnumMap<>(maxSlopePer1k);
        m.put(unit, per1k);
        return new Limits(Map.copyOf(m), maxRetained);
    }

    public Limits withMaxRetained(double fraction) {
        return new Limits(maxSlopePer1k, fraction);
    }
}
