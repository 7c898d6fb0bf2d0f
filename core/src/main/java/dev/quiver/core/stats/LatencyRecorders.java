package dev.quiver.core.stats;

import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One histogram metric written by many threads and read by one reporter thread. Each platform
 * writer thread (an event loop) gets its own {@link SingleWriterRecorder}: no shared cache line
 * on the hot path. The reporter swaps out their interval histograms and adds them up.
 *
 * <p>Memory stays bounded whatever threads an engine ends its streams on. A recorder holds about
 * 200 KB of counts, so one per short-lived thread would grow without end (an engine that ends
 * each stream on a fresh virtual thread did exactly that, at about 200 KB per request). So
 * virtual threads all share one multi-writer {@link Recorder}, and the recorder of a platform
 * thread that has died is emptied one last time and dropped at the next interval. The number of
 * recorders is the number of live platform writer threads plus one.
 */
public final class LatencyRecorders {

    /** Values are microseconds; one hour is the largest value kept at full precision. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    /** One platform writer thread's recorder, and the interval histogram the reader hands back to it. */
    private static final class Writer {
        final SingleWriterRecorder recorder;
        final Thread owner = Thread.currentThread();
        Histogram recycled;

        Writer(int digits) {
            recorder = new SingleWriterRecorder(1, HIGHEST_MICROS, digits);
        }
    }

    private final int digits;
    private final CopyOnWriteArrayList<Writer> writers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<SingleWriterRecorder> mine = ThreadLocal.withInitial(this::newWriter);
    /** Shared by all virtual threads: they are many and short-lived. */
    private final Recorder virtualThreads;
    private Histogram virtualRecycled;
    private final Histogram total;

    public LatencyRecorders() {
        this(SIGNIFICANT_DIGITS);
    }

    /**
     * @param digits significant decimal digits kept: 3 for the run's own metrics; 2 (a hundredth of the size,
     *               values within 1%) where a run keeps many, as one per request of a {@code --urls} file
     */
    public LatencyRecorders(int digits) {
        this.digits = digits;
        this.virtualThreads = new Recorder(1, HIGHEST_MICROS, digits);
        this.total = new Histogram(1, HIGHEST_MICROS, digits);
    }

    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private SingleWriterRecorder newWriter() {
        Writer w = new Writer(digits);
        writers.add(w);
        return w.recorder;
    }

    /** Records one value in nanoseconds (kept as microseconds, at least 1). */
    public void recordNanos(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1000));
        if (Thread.currentThread().isVirtual()) {
            virtualThreads.recordValue(micros);
        } else {
            mine.get().recordValue(micros);
        }
    }

    /**
     * Reporter thread only: the values recorded since the last call, also added to the run total.
     * The returned histogram is the caller's.
     */
    public synchronized Histogram takeInterval() {
        return takeInterval(new Histogram(1, HIGHEST_MICROS, digits));
    }

    /**
     * Reporter thread only: as {@link #takeInterval()}, into the caller's histogram (emptied
     * first), so that a reporter taking every metric every second allocates nothing.
     */
    public synchronized Histogram takeInterval(Histogram interval) {
        interval.reset();
        for (Writer w : writers) {
            // Read before the last take: a thread seen dead has made its last write before this point.
            boolean dead = !w.owner.isAlive();
            w.recycled = w.recorder.getIntervalHistogram(w.recycled);
            interval.add(w.recycled);
            if (dead) {
                writers.remove(w);
            }
        }
        virtualRecycled = virtualThreads.getIntervalHistogram(virtualRecycled);
        interval.add(virtualRecycled);
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

    /** How many recorders this metric holds (for tests of its memory bound). */
    synchronized int recorderCount() {
        return writers.size() + 1;
    }
}
