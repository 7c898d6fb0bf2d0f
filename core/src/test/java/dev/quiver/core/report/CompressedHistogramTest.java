package dev.quiver.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.stats.LatencyRecorders;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CompressedHistogramTest {

    @Test
    void base64RoundTripKeepsEveryCount() {
        Histogram h = LatencyRecorders.newHistogram();
        Random rnd = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            h.recordValue(1 + rnd.nextInt(2_000_000));
        }
        CompressedHistogram c = CompressedHistogram.of(h);
        assertEquals(50_000, c.count());
        CompressedHistogram back = CompressedHistogram.fromBase64(c.base64());
        assertEquals(h, back.decode());
        assertEquals(c, back);
        assertTrue(c.size() < 40_000, "compressed: " + c.size() + " bytes");
    }

    @Test
    void readsWhatHdrHistogramItselfWrites() {
        Histogram h = LatencyRecorders.newHistogram();
        h.recordValueWithCount(1234, 10);
        h.recordValue(3_000_000);
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[n];
        buffer.flip();
        buffer.get(bytes);
        assertEquals(h, CompressedHistogram.fromBase64(Base64.getEncoder().encodeToString(bytes)).decode());
    }

    @Test
    void refusesWhatIsNoHistogram() {
        assertThrows(IllegalArgumentException.class, () -> CompressedHistogram.fromBase64("not base64 !"));
        assertThrows(IllegalArgumentException.class, () -> CompressedHistogram.fromBase64(Base64.getEncoder().encodeToString(new byte[40])));
        String good = CompressedHistogram.of(LatencyRecorders.newHistogram()).base64();
        assertThrows(IllegalArgumentException.class, () -> CompressedHistogram.fromBase64(good.substring(0, good.length() / 2)));
    }

    @Test
    void refusesValuesBeyondWhatQuiverRecords() {
        Histogram wide = new Histogram(1, 100L * LatencyRecorders.HIGHEST_MICROS, 3);
        wide.recordValue(10 * LatencyRecorders.HIGHEST_MICROS);
        String text = CompressedHistogram.of(wide).base64();
        assertThrows(IllegalArgumentException.class, () -> CompressedHistogram.fromBase64(text));
    }
}
