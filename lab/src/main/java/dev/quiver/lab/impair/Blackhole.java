package dev.quiver.lab.impair;

/**
 * A link that goes dark on a schedule: {@code passNanos} working, then {@code darkNanos} dropping
 * every packet in both directions, repeated from {@code originNanos} on.
 */
public record Blackhole(long passNanos, long darkNanos, long originNanos) {

    public Blackhole {
        if (passNanos <= 0 || darkNanos <= 0) {
            throw new IllegalArgumentException("blackhole periods must be positive");
        }
    }

    public boolean dark(long now) {
        long t = Math.floorMod(now - originNanos, passNanos + darkNanos);
        return t >= passNanos;
    }

    public Blackhole from(long origin) {
        return new Blackhole(passNanos, darkNanos, origin);
    }

    @Override
    public String toString() {
        return Durations.format(passNanos) + "/" + Durations.format(darkNanos);
    }
}
