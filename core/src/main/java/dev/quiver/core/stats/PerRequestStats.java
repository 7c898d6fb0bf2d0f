package dev.quiver.core.stats;

import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.report.RequestResult;
import dev.quiver.core.stream.StreamState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outcomes and latency per request of a {@code --urls} file: one row per entry, at most
 * {@link #MAX_ROWS}; the entries past the last but one row share the last ({@link RequestResult#OTHER}).
 * Rows are found by the entry's index, never by anything the server sends, and each keeps the
 * same bounded counts as the run (a status array, one histogram), so memory does not grow with
 * the requests. Written on the engines' threads without locks; read by the reporter thread.
 */
final class PerRequestStats {

    /** Most rows of the table; a larger file's entries from the 32nd on are counted in one shared row. */
    static final int MAX_ROWS = 32;

    private static final class Row {
        final String label;
        final String method;
        final String path;
        long weight;
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder aborted = new LongAdder();
        final StatusCounts status = new StatusCounts();
        final LatencyRecorders latency = new LatencyRecorders(RequestResult.LATENCY_DIGITS);

        Row(String label, String method, String path) {
            this.label = label;
            this.method = method;
            this.path = path;
        }
    }

    /** No rows: a plain run. */
    static final PerRequestStats NONE = new PerRequestStats(new Row[0]);

    private final Row[] rows;

    private PerRequestStats(Row[] rows) {
        this.rows = rows;
    }

    /** Rows for the mix's entries; none when its report has no per-request table (a plain run). */
    PerRequestStats(RequestMix mix) {
        if (!mix.perRequestReport()) {
            rows = new Row[0];
            return;
        }
        int n = Math.min(mix.size(), MAX_ROWS);
        rows = new Row[n];
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < mix.size(); i++) {
            RequestMix.Entry e = mix.entry(i);
            int row = rowOf(i);
            if (rows[row] == null) {
                boolean shared = mix.size() > MAX_ROWS && row == MAX_ROWS - 1;
                rows[row] = shared ? new Row(RequestResult.OTHER, "", "")
                        : new Row(unique(e.label(), labels), e.request().method(), e.path());
            }
            rows[row].weight += e.weight();
        }
    }

    /**
     * The label, or for a second line of the same method and path (other headers or body) the label
     * with its ordinal, {@code POST /items [2]}: rows of one report are told apart, and merged
     * results (shards, rounds) add the same rows.
     */
    private static String unique(String label, Set<String> taken) {
        String l = label;
        int k = 2;
        while (!taken.add(l)) {
            l = label + " [" + k++ + "]";
        }
        return l;
    }

    private int rowOf(int entry) {
        return Math.min(entry, MAX_ROWS - 1);
    }

    /** A request's final outcome (the one the run counts, after any retry). */
    void ended(int entry, StreamState state, int status, long latencyNanos, boolean runEnding) {
        if (rows.length == 0 || entry < 0) {
            return;
        }
        Row r = rows[rowOf(entry)];
        if (state == StreamState.COMPLETED) {
            r.ok.increment();
            r.status.increment(status);
            r.latency.recordNanos(latencyNanos);
        } else if (state == StreamState.CANCELLED && runEnding) {
            r.aborted.increment();
        } else {
            r.failed.increment();
        }
    }

    /** The rows as they stand, in the file's order; empty for a plain run. Reporter thread. */
    List<RequestResult> results() {
        List<RequestResult> out = new ArrayList<>(rows.length);
        for (Row r : rows) {
            out.add(new RequestResult(r.label, r.method, r.path, r.weight, r.ok.sum(), r.failed.sum(), r.aborted.sum(),
                    r.status.snapshot(), r.latency.takeIntervalAndTotal()));
        }
        return out;
    }
}
