package dev.quiver.core.report;

import dev.quiver.core.stats.LatencyRecorders;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * A histogram in HdrHistogram's standard compressed form (V2 encoding, deflated at level 9, as its
 * {@code HistogramLogWriter} writes interval logs), so that a run keeps one per interval in a few
 * hundred bytes to a few KiB instead of the ~190 KB of an expanded histogram.
 */
public final class CompressedHistogram {

    private static final int COMPRESSION_LEVEL = 9;

    private final byte[] bytes;
    private final long count;

    private CompressedHistogram(byte[] bytes, long count) {
        this.bytes = bytes;
        this.count = count;
    }

    public static CompressedHistogram of(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer, COMPRESSION_LEVEL);
        return new CompressedHistogram(Arrays.copyOf(buffer.array(), length), h.getTotalCount());
    }

    /**
     * Reads the base64 text of a compressed histogram, as {@link #base64()} writes it.
     *
     * @throws IllegalArgumentException when the text is not such a histogram, or holds values
     *                                  beyond the range quiver records (1 µs to one hour)
     */
    public static CompressedHistogram fromBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage());
        }
        return new CompressedHistogram(bytes, new CompressedHistogram(bytes, 0).decodePacked().getTotalCount());
    }

    /** Recorded values. */
    public long count() {
        return count;
    }

    /** The compressed bytes in base64, as in an HdrHistogram interval log. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Encoded size in bytes (before base64). */
    public int size() {
        return bytes.length;
    }

    /** A full histogram with quiver's range and precision holding these values. */
    public Histogram decode() {
        Histogram h = LatencyRecorders.newHistogram();
        h.add(decodePacked());
        return h;
    }

    /**
     * A histogram of quiver's range with {@code significantDigits} holding these values: a histogram written
     * at a lower precision (a {@code --urls} row's) reads back as it was, percentile for percentile.
     */
    public Histogram decode(int significantDigits) {
        Histogram h = new Histogram(1, LatencyRecorders.HIGHEST_MICROS, significantDigits);
        h.add(decodePacked());
        return h;
    }

    /** A compact histogram holding these values (memory grows with the values present, not the range). */
    PackedHistogram decodePacked() {
        PackedHistogram h;
        try {
            h = PackedHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed histogram: " + e.getMessage());
        }
        if (h.getTotalCount() > 0 && (h.getMinNonZeroValue() < 1 || h.getMaxValue() > LatencyRecorders.HIGHEST_MICROS)) {
            throw new IllegalArgumentException("histogram values out of range: " + h.getMinNonZeroValue() + ".." + h.getMaxValue());
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressedHistogram c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CompressedHistogram[count=" + count + ", bytes=" + bytes.length + "]";
    }
}
