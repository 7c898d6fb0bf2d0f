package dev.quiver.cli.leak;

/**
 * This JVM's live heap: the heap in use right after a full collection, asked for at most once
 * every {@value #GC_EVERY_MILLIS} ms (reads in between repeat the last value).
 *
 * <p>Why not the heap after the last ordinary collection: after a young collection the old
 * generation still holds promoted garbage, which piles up until the next concurrent cycle and
 * looks like growth per request on a short run. The full collection pauses this JVM for a few
 * milliseconds every {@value #GC_EVERY_MILLIS} ms while someone is watching.
 */
public final class LiveHeap {

    static final long GC_EVERY_MILLIS = 1_000;

    private long lastGcMillis = Long.MIN_VALUE / 2;
    private long bytes;

    public synchronized long read() {
        long now = System.currentTimeMillis();
        if (now - lastGcMillis >= GC_EVERY_MILLIS) {
            System.gc();
            lastGcMillis = System.currentTimeMillis();
            bytes = OwnProcess.heapAfterGcBytes();
        }
        return bytes;
    }
}
