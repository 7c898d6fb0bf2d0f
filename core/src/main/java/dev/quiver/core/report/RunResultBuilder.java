package dev.quiver.core.report;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.report.RunResult.Bytes;
import dev.quiver.core.report.RunResult.Connections;
import dev.quiver.core.report.RunResult.Parameters;
import dev.quiver.core.report.RunResult.Requests;
import dev.quiver.core.report.RunResult.Window;
import dev.quiver.core.stats.ConnectionFactCounts;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link RunResult} by name. What a run did not see may be left out: counts are zero,
 * histograms and maps empty, no intervals; what says which run it was (target, protocol, engine,
 * model, parameters, window) must be given.
 */
public final class RunResultBuilder {

    private String target;
    private Protocol protocol;
    private String alpn = "";
    private String engine;
    private LoadModel model;
    private Parameters parameters;
    private Window window;
    private Requests requests = new Requests(0, 0, 0, 0, 0);
    private Histograms histograms;
    private Map<String, Long> status = Map.of();
    private Map<String, Long> errors = Map.of();
    private TrackerCounts streams = new TrackerCounts(0, new EnumMap<>(StreamState.class), 0, 0, 0, 0, 0);
    private Connections connections = new Connections(0, 0, 0, 0, -1, -1, 0, ConnectionFactCounts.Summary.NONE, Map.of());
    private Bytes bytes = new Bytes(0, 0);
    private TransportStats transport;
    private List<Interval> intervals = List.of();
    private Warmup warmup = Warmup.NONE;
    private ClientBound clientBound = ClientBound.NONE;
    private Ramp ramp;
    private List<RequestResult> perRequest = List.of();

    RunResultBuilder() {
    }

    public RunResultBuilder target(String url) {
        this.target = url;
        return this;
    }

    public RunResultBuilder protocol(Protocol p) {
        this.protocol = p;
        return this;
    }

    public RunResultBuilder alpn(String id) {
        this.alpn = id == null ? "" : id;
        return this;
    }

    public RunResultBuilder engine(String name) {
        this.engine = name;
        return this;
    }

    public RunResultBuilder model(LoadModel m) {
        this.model = m;
        return this;
    }

    public RunResultBuilder parameters(Parameters p) {
        this.parameters = p;
        return this;
    }

    public RunResultBuilder window(Window w) {
        this.window = w;
        return this;
    }

    public RunResultBuilder requests(Requests r) {
        this.requests = r;
        return this;
    }

    /** Requests by outcome; {@code total} is their sum. */
    public RunResultBuilder requests(long ok, long failed, long retried, long aborted) {
        return requests(new Requests(ok + failed + aborted, ok, failed, retried, aborted));
    }

    public RunResultBuilder histograms(Histograms h) {
        this.histograms = h;
        return this;
    }

    public RunResultBuilder status(Map<String, Long> byStatus) {
        this.status = byStatus;
        return this;
    }

    public RunResultBuilder errors(Map<String, Long> byCategory) {
        this.errors = byCategory;
        return this;
    }

    public RunResultBuilder streams(TrackerCounts books) {
        this.streams = books;
        return this;
    }

    public RunResultBuilder connections(Connections c) {
        this.connections = c;
        return this;
    }

    public RunResultBuilder bytes(long received, long sent) {
        this.bytes = new Bytes(received, sent);
        return this;
    }

    public RunResultBuilder transport(TransportStats t) {
        this.transport = t;
        return this;
    }

    public RunResultBuilder intervals(List<Interval> list) {
        this.intervals = list;
        return this;
    }

    public RunResultBuilder warmup(Warmup w) {
        this.warmup = w;
        return this;
    }

    public RunResultBuilder clientBound(ClientBound c) {
        this.clientBound = c;
        return this;
    }

    /** The stages of a ramped load; null (the default) for a steady one. */
    public RunResultBuilder ramp(Ramp r) {
        this.ramp = r;
        return this;
    }

    /** One row per request of a {@code --urls} file; empty (the default) for a run of one URL. */
    public RunResultBuilder perRequest(List<RequestResult> rows) {
        this.perRequest = rows;
        return this;
    }

    public RunResult build() {
        return new RunResult(need(target, "target"), need(protocol, "protocol"), alpn, need(engine, "engine"),
                need(model, "model"), need(parameters, "parameters"), need(window, "window"), requests,
                histograms != null ? histograms : Histograms.empty(), status, errors, streams, connections, bytes,
                transport != null ? transport : TransportStats.none(), intervals, warmup, clientBound, ramp,
                perRequest);
    }

    private static <T> T need(T value, String name) {
        return Objects.requireNonNull(value, () -> "a run result needs its " + name);
    }
}
