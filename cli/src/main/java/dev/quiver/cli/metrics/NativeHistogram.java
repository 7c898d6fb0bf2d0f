package dev.quiver.cli.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latency as a Prometheus native histogram: exponential buckets of schema {@value #SCHEMA}
 * (each bucket's upper bound is the previous one's times 2^(1/8), about 9% wider, so a quantile
 * read from it is off by at most about 4.5%), positive buckets only, and a zero bucket for values
 * at most {@link #ZERO_THRESHOLD}. Bucket {@code i} holds the values in (2^((i-1)/8), 2^(i/8)];
 * bucket 0 ends at 1 second. Fed on the reporter thread and cumulative over the run, like the
 * classic buckets. Memory is bounded by the latency range the recorders track (1 µs to one hour:
 * buckets -159 to 95, 255 at most), not by the number of requests.
 */
final class NativeHistogram {

    /** 2^3 buckets per power of two. */
    static final int SCHEMA = 3;

    /** 2^-128, the Go client's default: only a latency of zero goes to the zero bucket. */
    static final double ZERO_THRESHOLD = 0x1p-128;

    /**
     * 2^(k/8 - 1) for k = 0..7, the bucket bounds within [0.5, 1) of a value's binary fraction; the
     * same constants as the Go client's, so a value on a boundary lands in the same bucket as there.
     */
    private static final double[] FRACTION_BOUNDS = {
        0.5, 0.5452538663326288, 0.5946035575013605, 0.6484197773255048,
        0.7071067811865475, 0.7711054127039704, 0.8408964152537144, 0.9170040432046711,
    };

    private final TreeMap<Integer, Long> positive = new TreeMap<>();
    private long zeroCount;

    /** Adds {@code count} observations of {@code seconds} (not negative). */
    void add(double seconds, long count) {
        if (seconds <= ZERO_THRESHOLD) {
            zeroCount += count;
        } else {
            positive.merge(index(seconds), count, Long::sum);
        }
    }

    /** The bucket of a value above the zero threshold: the {@code i} with 2^((i-1)/8) < v <= 2^(i/8). */
    static int index(double v) {
        // v = fraction * 2^exponent with fraction in [0.5, 1), as C's frexp
        int exponent = Math.getExponent(v) + 1;
        double fraction = Math.scalb(v, -exponent);
        int k = Arrays.binarySearch(FRACTION_BOUNDS, fraction);
        if (k < 0) {
            k = -k - 1; // the first bound above the fraction
        }
        return k + (exponent - 1) * FRACTION_BOUNDS.length;
    }

    /** The upper bound of bucket {@code i}, seconds. */
    static double upperBound(int i) {
        return Math.pow(2, i / (double) FRACTION_BOUNDS.length);
    }

    /** The buckets as the protobuf format carries them, fixed now. */
    Buckets buckets() {
        int spans = 0;
        int[] offsets = new int[positive.size()];
        int[] lengths = new int[positive.size()];
        long[] deltas = new long[positive.size()];
        int n = 0;
        int next = 0; // the index after the last bucket written
        long previous = 0;
        for (Map.Entry<Integer, Long> e : positive.entrySet()) {
            int i = e.getKey();
            if (n == 0 || i != next) {
                offsets[spans] = n == 0 ? i : i - next; // the first span starts at its index, the others after a gap
                spans++;
            }
            lengths[spans - 1]++;
            deltas[n++] = e.getValue() - previous;
            previous = e.getValue();
            next = i + 1;
        }
        return new Buckets(zeroCount, Arrays.copyOf(offsets, spans), Arrays.copyOf(lengths, spans), deltas);
    }

    /**
     * A native histogram's buckets in the protobuf form: spans of consecutive buckets (the first
     * span's offset is its first index, each next one's the number of empty buckets before it) and
     * each bucket's count as the difference to the bucket before it (the first: to zero).
     */
    record Buckets(long zeroCount, int[] spanOffsets, int[] spanLengths, long[] deltas) {

        static final Buckets EMPTY = new Buckets(0, new int[0], new int[0], new long[0]);
    }
}
