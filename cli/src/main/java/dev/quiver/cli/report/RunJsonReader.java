package dev.quiver.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.CompressedHistogram;
import dev.quiver.core.report.Histograms;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.report.Interval;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RequestResult;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.stats.ConnectionFactCounts;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Reads a run's JSON report ({@link JsonReport}) back into a {@link RunResult} that merges exactly:
 * counts, books and histograms as they were. Percentiles are not read, they follow from the
 * histograms. Anything missing or malformed is refused, naming the key, so that a truncated or
 * corrupt file is never merged silently.
 */
public final class RunJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most per-request rows a run writes (32, the last maybe {@code other}). */
    private static final int MAX_REQUEST_ROWS = 32;

    private RunJsonReader() {
    }

    /** @throws IllegalArgumentException when the text is not a complete run report */
    public static RunResult read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return read(root);
    }

    /** A run report, or one variant of a comparison report (the same keys). */
    public static RunResult read(JsonNode r) {
        if (!r.has("histograms")) {
            throw new IllegalArgumentException("no histograms in this report (written by an older quiver): it cannot be merged");
        }
        if (!"us".equals(text(r, "/histograms/unit"))) {
            throw new IllegalArgumentException("histograms.unit must be \"us\"");
        }
        Map<Metric, Histogram> totals = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            totals.put(m, histogram(r, "/histograms/" + JsonReport.key(m)).decode());
        }
        return RunResult.builder()
                .target(text(r, "/target"))
                .protocol(parse(r, "/protocol", Protocol::parse))
                .alpn(text(r, "/alpn"))
                .engine(text(r, "/engine"))
                .model(parse(r, "/model", s -> LoadModel.valueOf(s.toUpperCase(Locale.ROOT))))
                .parameters(new RunResult.Parameters((int) count(r, "/parameters/connections"),
                        (int) count(r, "/parameters/streams_per_connection"), count(r, "/parameters/requests"),
                        number(r, "/parameters/duration_s"), number(r, "/parameters/rate"), number(r, "/parameters/timeout_s"),
                        text(r, "/parameters/method"),
                        // written since --max-connecting: older reports read as 0, not recorded
                        r.at("/parameters/max_connecting").isMissingNode() ? 0 : (int) count(r, "/parameters/max_connecting")))
                .window(new RunResult.Window(count(r, "/window/start_epoch_us"), count(r, "/window/duration_us"),
                        count(r, "/window/interval_us"), parse(r, "/stop_reason", StopReason::parse)))
                .requests(new RunResult.Requests(count(r, "/requests/total"), count(r, "/requests/ok"), count(r, "/requests/failed"),
                        count(r, "/requests/retried"), count(r, "/requests/aborted")))
                .histograms(Histograms.of(totals))
                .status(counts(r, "/status"))
                .errors(counts(r, "/errors"))
                .streams(streams(r))
                .connections(new RunResult.Connections(count(r, "/connections/opened"), count(r, "/connections/lost"),
                        count(r, "/connections/connect_failures"), count(r, "/connections/goaway_received"),
                        limit(r, "/streams/peer_limit_min"), limit(r, "/streams/peer_limit_max"),
                        number(r, "/streams/credit_wait_ms"),
                        new ConnectionFactCounts.Summary(counts(r, "/connections/facts/quic_versions"),
                                count(r, "/connections/facts/resumed"), count(r, "/connections/facts/early_data"),
                                count(r, "/connections/facts/retry"), count(r, "/connections/facts/resumption_unknown")),
                        counts(r, "/connections/connect_errors")))
                .bytes(count(r, "/bytes/received"), count(r, "/bytes/sent"))
                .transport(TransportJson.read(r))
                .intervals(intervals(r, RampReport.read(r)))
                .ramp(RampReport.read(r))
                .warmup(WarmupReport.read(r))
                .clientBound(ClientBoundReport.read(r))
                .perRequest(perRequest(r))
                .build();
    }

    /** The rows of {@code urls}, none when the run had no --urls file; more than a run writes is refused. */
    private static List<RequestResult> perRequest(JsonNode r) {
        JsonNode rows = r.path(PerRequestReport.KEY);
        if (rows.isMissingNode() || rows.isNull()) {
            return List.of();
        }
        if (!rows.isArray() || rows.size() > MAX_REQUEST_ROWS) {
            throw new IllegalArgumentException(PerRequestReport.KEY + " must be a list of at most " + MAX_REQUEST_ROWS + " rows");
        }
        List<RequestResult> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode x = rows.get(i);
            String at = PerRequestReport.KEY + "[" + i + "]";
            out.add(new RequestResult(text(x, "/label", at), text(x, "/method", at), text(x, "/path", at),
                    count(x, "/weight", at), count(x, "/ok", at), count(x, "/failed", at), count(x, "/aborted", at),
                    counts(x, "/status"), histogram(x, "/latency_histogram", at).decode(RequestResult.LATENCY_DIGITS)));
        }
        return out;
    }

    private static TrackerCounts streams(JsonNode r) {
        Map<StreamState, Long> terminal = new EnumMap<>(StreamState.class);
        for (StreamState s : StreamState.values()) {
            terminal.put(s, count(r, "/streams/" + s.key()));
        }
        return new TrackerCounts(count(r, "/streams/opened"), terminal, count(r, "/streams/live"),
                count(r, "/streams/double_terminal"), count(r, "/streams/forced_by_watchdog"),
                count(r, "/streams/connections_registered"), count(r, "/streams/connections_live"));
    }

    private static List<Interval> intervals(JsonNode r, Ramp ramp) {
        JsonNode list = r.at("/intervals");
        if (!list.isArray()) {
            throw new IllegalArgumentException("missing key intervals");
        }
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode x = list.get(i);
            String at = "intervals[" + i + "]";
            JsonNode hs = x.get("histograms");
            if (hs == null || !hs.isObject()) {
                throw new IllegalArgumentException("missing key " + at + ".histograms");
            }
            Map<Metric, CompressedHistogram> histograms = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                if (hs.has(JsonReport.key(m))) {
                    histograms.put(m, histogram(x, "/histograms/" + JsonReport.key(m), at));
                }
            }
            Interval interval = Interval.fromCompressed(count(x, "/start_epoch_us", at), count(x, "/length_us", at),
                    count(x, "/failed", at), count(x, "/live", at), histograms,
                    RampReport.readOffered(x, ramp));
            if (interval.completed() != count(x, "/completed", at)) {
                throw new IllegalArgumentException(at + ".completed does not match its latency histogram");
            }
            out.add(interval);
        }
        return out;
    }

    private static CompressedHistogram histogram(JsonNode r, String pointer) {
        return histogram(r, pointer, "");
    }

    private static CompressedHistogram histogram(JsonNode r, String pointer, String at) {
        try {
            return CompressedHistogram.fromBase64(text(r, pointer, at));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name(at, pointer) + ": " + e.getMessage());
        }
    }

    private static Map<String, Long> counts(JsonNode r, String pointer) {
        JsonNode o = r.at(pointer);
        if (!o.isObject()) {
            throw new IllegalArgumentException("missing key " + name("", pointer));
        }
        Map<String, Long> m = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            if (!e.getValue().canConvertToExactIntegral() || e.getValue().asLong() < 0) {
                throw new IllegalArgumentException(name("", pointer) + "." + e.getKey() + " must be a count");
            }
            m.put(e.getKey(), e.getValue().asLong());
        });
        return m;
    }

    private static int limit(JsonNode r, String pointer) {
        JsonNode n = r.at(pointer);
        if (n.isNull()) {
            return Integer.MAX_VALUE;
        }
        if (!n.canConvertToInt()) {
            throw new IllegalArgumentException("missing key " + name("", pointer));
        }
        return n.asInt();
    }

    private static String text(JsonNode r, String pointer) {
        return text(r, pointer, "");
    }

    private static String text(JsonNode r, String pointer, String at) {
        JsonNode n = r.at(pointer);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("missing key " + name(at, pointer));
        }
        return n.asText();
    }

    private static long count(JsonNode r, String pointer) {
        return count(r, pointer, "");
    }

    private static long count(JsonNode r, String pointer, String at) {
        JsonNode n = r.at(pointer);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException("missing key " + name(at, pointer));
        }
        return n.asLong();
    }

    private static double number(JsonNode r, String pointer) {
        JsonNode n = r.at(pointer);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("missing key " + name("", pointer));
        }
        return n.asDouble();
    }

    private static <T> T parse(JsonNode r, String pointer, java.util.function.Function<String, T> parser) {
        String s = text(r, pointer);
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name("", pointer) + ": unknown value '" + s + "'");
        }
    }

    /** A JSON pointer as a reader names it: {@code /requests/ok} in interval 3 is {@code intervals[3].requests.ok}. */
    private static String name(String at, String pointer) {
        String key = pointer.substring(1).replace('/', '.');
        return at.isEmpty() ? key : at + "." + key;
    }
}
