package dev.quiver.core.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection's live streams by stream id: open addressing over two arrays, guarded by this
 * object's lock (the connection's thread writes, the watchdog and the reporter read).
 *
 * <p>Why not a {@code ConcurrentHashMap<Long, StreamRecord>}: every stream there costs a node and
 * a boxed key, and a removed node still points to the next one in its bin. Under a small young
 * generation, a node that happened to be live at a collection is promoted, and once dead in the old
 * generation it keeps the next node alive through the following young collection, and so on: at
 * 150k requests a second about half of all streams (record, node and key, 144 bytes) reached the
 * old generation as garbage, 47 MB in 9 s of one run. Here ending a stream clears two array slots
 * and leaves nothing behind.
 */
final class LiveStreams {

    private long[] ids = new long[16];
    private StreamRecord[] records = new StreamRecord[16];
    private volatile int size;

    /** Adds {@code r} under {@code id} unless that id is live; true when added. */
    synchronized boolean putIfAbsent(long id, StreamRecord r) {
        int mask = records.length - 1;
        for (int i = home(id, mask); ; i = (i + 1) & mask) {
            StreamRecord at = records[i];
            if (at == null) {
                ids[i] = id;
                records[i] = r;
                size++;
                if (size * 2 > records.length) {
                    grow();
                }
                return true;
            }
            if (ids[i] == id) {
                return false;
            }
        }
    }

    /** The live stream with this id, or null. */
    synchronized StreamRecord get(long id) {
        int mask = records.length - 1;
        for (int i = home(id, mask); ; i = (i + 1) & mask) {
            StreamRecord at = records[i];
            if (at == null || ids[i] == id) {
                return at;
            }
        }
    }

    /** Removes {@code r} if it is the live stream under {@code id}; true when removed. */
    synchronized boolean remove(long id, StreamRecord r) {
        int mask = records.length - 1;
        for (int i = home(id, mask); ; i = (i + 1) & mask) {
            StreamRecord at = records[i];
            if (at == null) {
                return false;
            }
            if (ids[i] == id) {
                if (at != r) {
                    return false;
                }
                closeGap(i, mask);
                size--;
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    /** A copy of the live streams. */
    synchronized List<StreamRecord> snapshot() {
        List<StreamRecord> out = new ArrayList<>(size);
        for (StreamRecord r : records) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** Adds to {@code out} the live streams that started before {@code nanos} (on the tracker's clock). */
    synchronized void startedBefore(long nanos, List<StreamRecord> out) {
        for (StreamRecord r : records) {
            if (r != null && r.startNanos() - nanos < 0) {
                out.add(r);
            }
        }
    }

    /**
     * Empties slot {@code gap} and moves back the entries after it that probed past it, so that
     * every entry stays reachable from its home slot without tombstones.
     */
    private void closeGap(int gap, int mask) {
        records[gap] = null;
        for (int j = (gap + 1) & mask; records[j] != null; j = (j + 1) & mask) {
            int home = home(ids[j], mask);
            // The entry at j may fill the gap when its home is not cyclically within (gap, j].
            boolean homeBetween = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!homeBetween) {
                ids[gap] = ids[j];
                records[gap] = records[j];
                records[j] = null;
                gap = j;
            }
        }
    }

    private void grow() {
        long[] oldIds = ids;
        StreamRecord[] oldRecords = records;
        ids = new long[oldIds.length * 2];
        records = new StreamRecord[oldRecords.length * 2];
        int mask = records.length - 1;
        for (int k = 0; k < oldRecords.length; k++) {
            if (oldRecords[k] != null) {
                int i = home(oldIds[k], mask);
                while (records[i] != null) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[k];
                records[i] = oldRecords[k];
            }
        }
    }

    /** Stream ids run up by 2 or 4 (HTTP/2, QUIC): a multiplicative hash spreads them over the table. */
    private static int home(long id, int mask) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
