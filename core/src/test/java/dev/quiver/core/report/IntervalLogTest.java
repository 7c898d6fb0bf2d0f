package dev.quiver.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/** The interval log read back by HdrHistogram's own reader: every interval, its time and its values. */
class IntervalLogTest {

    private static final long START = 1_796_000_000_123_456L;

    @Test
    void hdrHistogramsReaderReadsEveryIntervalBackWithItsTimeAndValues() {
        RunResult r = TestRuns.run(START, 5, 400, 7, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IntervalLog.write(r, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("#[StartTime: " + String.format(java.util.Locale.ROOT, "%.3f", START / 1000 / 1000.0)), text);
        assertTrue(text.contains("#[BaseTime: "), text);

        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        List<Histogram> latency = new ArrayList<>();
        List<Histogram> firstByte = new ArrayList<>();
        List<Histogram> connect = new ArrayList<>();
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            Histogram hist = (Histogram) h;
            if (hist.getTag() == null) {
                latency.add(hist);
            } else if (hist.getTag().equals("first_byte")) {
                firstByte.add(hist);
            } else if (hist.getTag().equals("connect")) {
                connect.add(hist);
            }
        }
        assertEquals(START / 1000 / 1000.0, reader.getStartTimeSec(), 0.0005); // known once the header is read
        assertEquals(5, latency.size());
        assertEquals(5, firstByte.size());
        assertEquals(1, connect.size()); // recorded in the first interval only
        for (int i = 0; i < 5; i++) {
            Interval interval = r.intervals().get(i);
            Histogram read = latency.get(i);
            assertEquals(interval.histograms().get(Metric.LATENCY).decode(), read, "interval " + i);
            // absolute wall-clock times, in milliseconds: base time plus the line's offset
            assertEquals(interval.startMicros() / 1000, read.getStartTimeStamp(), 1.0);
            assertEquals((interval.startMicros() + interval.lengthMicros()) / 1000, read.getEndTimeStamp(), 1.0);
            assertNull(read.getTag());
        }
        Histogram total = new Histogram(3);
        latency.forEach(total::add);
        assertEquals(r.histograms().latency().getTotalCount(), total.getTotalCount());
        assertEquals(r.histograms().latency().getValueAtPercentile(99.9), total.getValueAtPercentile(99.9));
    }

    @Test
    void anIntervalWithNothingCompletedIsAnEmptyLatencyLine() {
        RunResult r = TestRuns.run(START, 2, 0, 1, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IntervalLog.write(r, out);
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        int lines = 0;
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            if (((Histogram) h).getTag() == null) {
                assertEquals(0, ((Histogram) h).getTotalCount());
                lines++;
            }
        }
        assertEquals(2, lines);
    }
}
