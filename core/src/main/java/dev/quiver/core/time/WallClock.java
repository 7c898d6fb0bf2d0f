package dev.quiver.core.time;

import java.time.Instant;

/** The wall clock in microseconds since the epoch, as results place their windows and intervals on it. */
public final class WallClock {

    private WallClock() {
    }

    public static long nowMicros() {
        return micros(Instant.now());
    }

    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
