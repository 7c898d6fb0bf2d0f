package dev.quiver.lab.impair;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One independent random stream per impairment and direction, all derived from the lab's seed, so
 * the same seed gives the same choices, and switching one impairment on does not shift the
 * choices of another.
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** The stream named {@code label} (e.g. {@code to_server.loss}) of {@code seed}. */
    public static SplittableRandom of(long seed, String label) {
        // FNV-1a of the label: a fixed function, unlike String.hashCode's unspecified future.
        long h = 0xcbf29ce484222325L;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(seed ^ h);
    }
}
