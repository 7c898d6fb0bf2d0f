package dev.quiver.core.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one request of a {@code --urls} file got over the run: one row of the report's "Per request"
 * table. The entries past the table's last row share one row, {@link #OTHER}.
 *
 * @param label method and path, cut to a length a table can show; {@link #OTHER} for the shared row
 * @param method the method, empty for the shared row
 * @param path the path, empty for the shared row
 * @param weight the entry's weight (the shared row's: its entries' sum)
 * @param ok requests that completed (any status)
 * @param failed requests that failed
 * @param aborted requests cut off by the end of the run
 * @param status completed responses by status text, bounded like the run's
 * @param latency latency of the completed requests, microseconds
 */
public record RequestResult(String label, String method, String path, long weight, long ok, long failed, long aborted,
                            Map<String, Long> status, Histogram latency) {

    /** Significant digits of a row's latency histogram: values within 1%, at a hundredth of the run histogram's size. */
    public static final int LATENCY_DIGITS = 2;
    /** The label of the row the entries beyond the table's last row share. */
    public static final String OTHER = "other";

    public RequestResult {
        status = Collections.unmodifiableMap(new TreeMap<>(status));
    }

    /** Requests of this row that reached a final outcome: {@code ok + failed + aborted}. */
    public long requests() {
        return ok + failed + aborted;
    }

    /** This row and the same row of another run as one (rounds of a comparison, shards). */
    RequestResult plus(RequestResult o) {
        Map<String, Long> s = new TreeMap<>(status);
        o.status.forEach((k, v) -> s.merge(k, v, Long::sum));
        Histogram h = latency.copy();
        h.add(o.latency);
        return new RequestResult(label, method, path, weight, ok + o.ok, failed + o.failed, aborted + o.aborted, s, h);
    }
}
