package dev.quiver.cli.metrics;

import dev.quiver.core.stream.StreamState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the page holds, apart from the format it is written in: every family's name, type, help
 * and samples, in page order, so the text page and the protobuf page cannot differ. The latency
 * histogram follows these families in both formats ({@link #LATENCY_NAME}).
 */
final class MetricFamilies {

    static final String LATENCY_NAME = "quiver_request_duration_seconds";
    static final String LATENCY_HELP =
            "Latency of the completed requests of the measured part (from the intended start in the open model).";

    /** The family kinds the page uses (their names are the text format's TYPE words). */
    enum Type {
        COUNTER("counter"), GAUGE("gauge");

        final String word;

        Type(String word) {
            this.word = word;
        }
    }

    /** One sample: with one label, or none ({@code labelName} null). */
    record Sample(String labelName, String labelValue, double value) {
    }

    record Family(String name, Type type, String help, List<Sample> samples) {
    }

    private MetricFamilies() {
    }

    static List<Family> of(MetricsSnapshot s) {
        List<Family> f = new ArrayList<>(24);
        f.add(new Family("quiver_run_info", Type.GAUGE, "The run this page is of: its target; always 1.",
                List.of(new Sample("target", s.target(), 1))));
        single(f, "quiver_run_elapsed_seconds", Type.GAUGE,
                "Time since the measured part started, at the last update (once per interval).", s.elapsedSeconds());
        single(f, "quiver_run_finished", Type.GAUGE, "1 once the load has ended and these are its final figures.", s.finished() ? 1 : 0);
        f.add(new Family("quiver_requests_total", Type.COUNTER, "Requests of the measured part that reached a final outcome, by outcome.",
                List.of(new Sample("outcome", "ok", s.ok()), new Sample("outcome", "failed", s.failed()),
                        new Sample("outcome", "aborted", s.aborted()))));
        single(f, "quiver_requests_retried_total", Type.COUNTER, "Refused requests started again (not counted twice above).", s.retried());
        single(f, "quiver_requests_in_flight", Type.GAUGE, "Requests of the measured part started and not yet ended, waiting for a "
                + "connection or stream credit included.", s.inFlight());
        single(f, "quiver_streams_opened_total", Type.COUNTER, "Streams the tracker opened (the whole run, warm-up included).",
                s.streamsOpened());
        List<Sample> states = new ArrayList<>();
        for (Map.Entry<StreamState, Long> e : s.streamsByState().entrySet()) {
            states.add(new Sample("state", e.getKey().key(), e.getValue()));
        }
        f.add(new Family("quiver_streams_ended_total", Type.COUNTER, "Streams by the terminal state they reached (the whole run).", states));
        single(f, "quiver_streams_live", Type.GAUGE, "Streams open in the tracker now.", s.streamsLive());
        List<Sample> errors = new ArrayList<>();
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            errors.add(new Sample("category", e.getKey(), e.getValue()));
        }
        f.add(new Family("quiver_request_errors_total", Type.COUNTER,
                "Failed requests of the measured part by error category (at most 32 categories plus other).", errors));
        single(f, "quiver_connections_open", Type.GAUGE, "Connections open now.", s.connectionsOpen());
        single(f, "quiver_connections_opened_total", Type.COUNTER, "Connections that became ready.", s.connectionsOpened());
        single(f, "quiver_connections_lost_total", Type.COUNTER, "Connections the peer or the network ended.", s.connectionsLost());
        single(f, "quiver_connect_failures_total", Type.COUNTER, "Connects that failed.", s.connectFailures());
        single(f, "quiver_goaways_received_total", Type.COUNTER, "GOAWAY frames received.", s.goaways());
        single(f, "quiver_stream_credit_wait_seconds_total", Type.COUNTER,
                "Time requests waited because the peer's stream limit was reached, waits under way included.", s.creditWaitSeconds());
        return f;
    }

    private static void single(List<Family> f, String name, Type type, String help, double value) {
        f.add(new Family(name, type, help, List.of(new Sample(null, null, value))));
    }
}
