package dev.quiver.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Schema 3 buckets: (2^((i-1)/8), 2^(i/8)], the zero bucket, spans and deltas as the protobuf format wants them. */
class NativeHistogramTest {

    @Test
    void aValueOnABoundaryIsInTheBucketItEndsAndJustAboveInTheNext() {
        assertEquals(0, NativeHistogram.index(1.0));
        assertEquals(1, NativeHistogram.index(Math.nextUp(1.0)));
        assertEquals(0, NativeHistogram.index(Math.nextDown(1.0)));
        assertEquals(-1, NativeHistogram.index(0.9170040432046711)); // 2^(-1/8)
        assertEquals(0, NativeHistogram.index(Math.nextUp(0.9170040432046711)));
        assertEquals(-8, NativeHistogram.index(0.5));
        assertEquals(-7, NativeHistogram.index(Math.nextUp(0.5)));
        assertEquals(-16, NativeHistogram.index(0.25));
        assertEquals(8, NativeHistogram.index(2.0));
        assertEquals(16, NativeHistogram.index(4.0));
        double b1 = 2 * 0.5452538663326288; // 2^(1/8) as the bound within the octave has it
        assertEquals(1, NativeHistogram.index(b1));
        assertEquals(2, NativeHistogram.index(Math.nextUp(b1)));
        assertEquals(-159, NativeHistogram.index(1e-6), "1 µs: 2^(-160/8) < 1e-6 <= 2^(-159/8)");
        assertEquals(-53, NativeHistogram.index(0.01)); // log2(0.01) * 8 = -53.15
    }

    @Test
    void everyValueIsBetweenItsBucketsBounds() {
        for (long micros = 1; micros < 20_000_000; micros = micros * 11 / 10 + 1) {
            double v = micros / 1e6;
            int i = NativeHistogram.index(v);
            assertTrue(NativeHistogram.upperBound(i - 1) < v * (1 + 1e-12) && v <= NativeHistogram.upperBound(i) * (1 + 1e-12),
                    v + " in bucket " + i);
        }
        // the bounds within an octave are 2^(k/8) to the last bit or one off at most
        for (int k = 0; k < 8; k++) {
            double exact = Math.pow(2, k / 8.0);
            assertEquals(exact, NativeHistogram.upperBound(k), Math.ulp(exact));
        }
    }

    @Test
    void zeroGoesToTheZeroBucket() {
        NativeHistogram h = new NativeHistogram();
        h.add(0, 3);
        h.add(NativeHistogram.ZERO_THRESHOLD, 1);
        h.add(1e-6, 2);
        NativeHistogram.Buckets b = h.buckets();
        assertEquals(4, b.zeroCount());
        assertArrayEquals(new int[] {-159}, b.spanOffsets());
        assertArrayEquals(new int[] {1}, b.spanLengths());
        assertArrayEquals(new long[] {2}, b.deltas());
    }

    @Test
    void spansSkipEmptyBucketsAndCountsAreDeltas() {
        NativeHistogram h = new NativeHistogram();
        h.add(0.5, 4);                     // -8
        h.add(Math.nextUp(0.5), 1);        // -7
        h.add(1.0, 5);                     // 0
        h.add(1.05, 2);                    // 1
        h.add(Math.nextUp(1.0905077326652577), 2); // 2
        h.add(0.9, 7);                     // -1 (2^(-2/8) = 0.84 < 0.9 <= 2^(-1/8) = 0.917)
        h.add(4.0, 1);                     // 16
        NativeHistogram.Buckets b = h.buckets();
        // buckets -8 -7 | gap of 5 (-6..-2) | -1 0 1 2 | gap of 13 (3..15) | 16
        assertArrayEquals(new int[] {-8, 5, 13}, b.spanOffsets());
        assertArrayEquals(new int[] {2, 4, 1}, b.spanLengths());
        // counts 4 1 7 5 2 2 1
        assertArrayEquals(new long[] {4, -3, 6, -2, -3, 0, -1}, b.deltas());
        assertEquals(22, counts(b).stream().mapToLong(Long::longValue).sum() + b.zeroCount(), "the counts sum to the observations");
        assertEquals(java.util.List.of(4L, 1L, 7L, 5L, 2L, 2L, 1L), counts(b));
    }

    @Test
    void addingAgainAddsToTheSameBuckets() {
        NativeHistogram h = new NativeHistogram();
        h.add(0.003, 2);
        h.add(0.003, 3);
        assertArrayEquals(new long[] {5}, h.buckets().deltas());
        assertEquals(NativeHistogram.Buckets.EMPTY.deltas().length, new NativeHistogram().buckets().deltas().length);
        assertEquals(0, new NativeHistogram().buckets().spanOffsets().length);
    }

    /** The absolute counts back from the deltas, as a reader rebuilds them. */
    static java.util.List<Long> counts(NativeHistogram.Buckets b) {
        long c = 0;
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (long d : b.deltas()) {
            c += d;
            out.add(c);
        }
        assertEquals(Arrays.stream(b.spanLengths()).sum(), out.size(), "one count per bucket the spans cover");
        return out;
    }
}
