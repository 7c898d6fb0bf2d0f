package dev.quiver.core.stats;

import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One histogram metric written by many event-loop threads and read by one reporter thread:
 * each writer thread gets its own {@link SingleWriterRecorder} (no shared cache line on the hot
 * path); the reporter swaps out their interval histograms and adds them up. The number of
 * recorders is the number of writer threads, never the number of requests.
 */
public final class LatencyRecorders {

    /** Values are microseconds; one hour is the largest value kept at full precision. */
    static final long HIGHEST_MICROS = 3_600_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    /** One writer thread's recorder, and the interval histogram the reader hands back to it. */
    private static final class Writer {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        Histogram recycled;
    }

    private final CopyOnWriteArrayList<Writer> writers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<SingleWriterRecorder> mine = ThreadLocal.withInitial(this::newWriter);
    private final Histogram total = newHistogram();

    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private SingleWriterRecorder newWriter() {
        Writer w = new Writer();
        writers.add(w);
        return w.recorder;
    }

    /** Records one value in nanoseconds (kept as microseconds, at least 1). */
    public void recordNanos(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1000));
        mine.get().recordValue(micros);
    }

    /**
     * Reporter thread only: the values recorded since the last call, also added to the run total.
     * The returned histogram is the caller's.
     */
    public synchronized Histogram takeInterval() {
        Histogram interval = newHistogram();
        for (Writer w : writers) {
            w.recycled = w.recorder.getIntervalHistogram(w.recycled);
            interval.add(w.recycled);
        }
        total.add(interval);
        return interval;
    }

    /** Takes what is left and returns a copy of the run total. */
    public synchronized Histogram takeIntervalAndTotal() {
        takeInterval();
        return total.copy();
    }

    /** Reporter thread only: a copy of everything taken so far. */
    public synchronized Histogram total() {
        return total.copy();
    }
}
