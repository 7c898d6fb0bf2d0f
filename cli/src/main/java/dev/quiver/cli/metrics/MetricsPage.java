package dev.quiver.cli.metrics;

import dev.quiver.core.stream.StreamState;
import java.util.Map;

/**
 * A run's live figures in the Prometheus text exposition format 0.0.4: {@code # HELP} and
 * {@code # TYPE} before every family, counters ending in {@code _total}, label values escaped, the
 * latency as a classic histogram ({@code _bucket{le}}, {@code _sum}, {@code _count}). The names are
 * documented in the README.
 */
final class MetricsPage {

    /** The media type of the format, as a scraper expects it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsPage() {
    }

    static String render(MetricsSnapshot s) {
        StringBuilder b = new StringBuilder(4096);
        family(b, "quiver_run_info", "gauge", "The run this page is of: its target; always 1.");
        b.append("quiver_run_info{target=\"").append(escape(s.target())).append("\"} 1\n");
        gauge(b, "quiver_run_elapsed_seconds", "Time since the measured part started, at the last update (once per interval).",
                s.elapsedSeconds());
        gauge(b, "quiver_run_finished", "1 once the load has ended and these are its final figures.", s.finished() ? 1 : 0);
        family(b, "quiver_requests_total", "counter", "Requests of the measured part that reached a final outcome, by outcome.");
        sample(b, "quiver_requests_total", "outcome", "ok", s.ok());
        sample(b, "quiver_requests_total", "outcome", "failed", s.failed());
        sample(b, "quiver_requests_total", "outcome", "aborted", s.aborted());
        counter(b, "quiver_requests_retried_total", "Refused requests started again (not counted twice above).", s.retried());
        gauge(b, "quiver_requests_in_flight", "Requests of the measured part started and not yet ended, waiting for a connection "
                + "or stream credit included.", s.inFlight());
        counter(b, "quiver_streams_opened_total", "Streams the tracker opened (the whole run, warm-up included).", s.streamsOpened());
        family(b, "quiver_streams_ended_total", "counter", "Streams by the terminal state they reached (the whole run).");
        for (Map.Entry<StreamState, Long> e : s.streamsByState().entrySet()) {
            sample(b, "quiver_streams_ended_total", "state", e.getKey().key(), e.getValue());
        }
        gauge(b, "quiver_streams_live", "Streams open in the tracker now.", s.streamsLive());
        family(b, "quiver_request_errors_total", "counter",
                "Failed requests of the measured part by error category (at most 32 categories plus other).");
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            sample(b, "quiver_request_errors_total", "category", e.getKey(), e.getValue());
        }
        gauge(b, "quiver_connections_open", "Connections open now.", s.connectionsOpen());
        counter(b, "quiver_connections_opened_total", "Connections that became ready.", s.connectionsOpened());
        counter(b, "quiver_connections_lost_total", "Connections the peer or the network ended.", s.connectionsLost());
        counter(b, "quiver_connect_failures_total", "Connects that failed.", s.connectFailures());
        counter(b, "quiver_goaways_received_total", "GOAWAY frames received.", s.goaways());
        counter(b, "quiver_stream_credit_wait_seconds_total",
                "Time requests waited because the peer's stream limit was reached, waits under way included.", s.creditWaitSeconds());
        histogram(b, s);
        return b.toString();
    }

    private static void histogram(StringBuilder b, MetricsSnapshot s) {
        String name = "quiver_request_duration_seconds";
        family(b, name, "histogram", "Latency of the completed requests of the measured part (from the intended start in the open model).");
        long[] counts = s.bucketCounts();
        for (int i = 0; i < counts.length; i++) {
            b.append(name).append("_bucket{le=\"").append(number(LiveMetrics.BUCKETS_SECONDS[i])).append("\"} ")
                    .append(counts[i]).append('\n');
        }
        b.append(name).append("_bucket{le=\"+Inf\"} ").append(s.latencyCount()).append('\n');
        b.append(name).append("_sum ").append(number(s.latencySumSeconds())).append('\n');
        b.append(name).append("_count ").append(s.latencyCount()).append('\n');
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, double value) {
        family(b, name, "gauge", help);
        b.append(name).append(' ').append(number(value)).append('\n');
    }

    private static void counter(StringBuilder b, String name, String help, double value) {
        family(b, name, "counter", help);
        b.append(name).append(' ').append(number(value)).append('\n');
    }

    private static void sample(StringBuilder b, String name, String label, String value, long v) {
        b.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ").append(v).append('\n');
    }

    /** A label value as the format wants it: backslash, double quote and line feed escaped. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A sample value: whole numbers without a point, others as Java writes a double (the format reads both). */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
