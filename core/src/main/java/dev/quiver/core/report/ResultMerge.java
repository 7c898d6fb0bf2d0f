package dev.quiver.core.report;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.report.RunResult.Parameters;
import dev.quiver.core.report.RunResult.Window;
import dev.quiver.core.stats.ErrorCategories;
import dev.quiver.core.stats.LatencyRecorders;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Several results as one, exactly: histograms added (so percentiles are those of every sample
 * together, never averages), counts summed, error categories under the same bound, intervals on
 * one wall-clock grid ({@link IntervalMerge}). The window covers the union of the results' load
 * windows, so rates are over the time some load ran: rounds one after another add their durations,
 * shards side by side share theirs.
 */
final class ResultMerge {

    /** Most rows of a merged per-request table, as of one run's. */
    private static final int MAX_REQUEST_ROWS = 32;

    private ResultMerge() {
    }

    static RunResult merge(List<RunResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        if (results.size() == 1) {
            return results.get(0);
        }
        RunResult first = results.get(0);
        same(results, RunResult::target, "targets");
        same(results, RunResult::protocol, "protocols");
        same(results, RunResult::model, "models");
        String alpn = first.alpn();
        String engine = first.engine();
        Parameters parameters = first.parameters();
        RunResult.Requests requests = first.requests();
        Map<String, Long> status = first.status();
        TrackerCounts streams = first.streams();
        RunResult.Connections connections = first.connections();
        RunResult.Bytes bytes = first.bytes();
        TransportStats transport = first.transport();
        Warmup warmup = first.warmup();
        ClientBound clientBound = first.clientBound();
        List<Map<String, Long>> errors = new ArrayList<>();
        Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            histograms.put(m, LatencyRecorders.newHistogram());
        }
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            for (Metric m : Metric.values()) {
                histograms.get(m).add(r.histograms().get(m));
            }
            errors.add(r.errors());
            if (i == 0) {
                continue;
            }
            alpn = joined(alpn, r.alpn());
            engine = joined(engine, r.engine());
            parameters = parameters(parameters, r.parameters());
            requests = requests.plus(r.requests());
            status = status(status, r.status());
            streams = streams(streams, r.streams());
            connections = connections.plus(r.connections());
            bytes = bytes.plus(r.bytes());
            transport = transport.plus(r.transport());
            warmup = warmup.plus(r.warmup());
            clientBound = clientBound.plus(r.clientBound());
        }
        return RunResult.builder().target(first.target()).protocol(first.protocol()).model(first.model()).alpn(alpn)
                .engine(engine).parameters(parameters).window(window(results)).requests(requests)
                .histograms(Histograms.of(histograms)).status(status)
                .errors(ErrorCategories.merge(errors, ErrorCategories.DEFAULT_LIMIT)).streams(streams)
                .connections(connections).bytes(bytes.received(), bytes.sent()).transport(transport).intervals(IntervalMerge.merge(results))
                .warmup(warmup).clientBound(clientBound).ramp(ramp(results)).perRequest(perRequest(results)).build();
    }

    /**
     * The per-request rows as one: rows of the same label added (the same file gives the same rows),
     * in the order first seen; past the table's last row, the rest are added to a shared {@code other} row.
     */
    private static List<RequestResult> perRequest(List<RunResult> results) {
        Map<String, RequestResult> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            for (RequestResult row : r.perRequest()) {
                String key = rows.containsKey(row.label()) || rows.size() < MAX_REQUEST_ROWS - 1 ? row.label() : RequestResult.OTHER;
                RequestResult as = key.equals(row.label()) ? row : new RequestResult(RequestResult.OTHER, "", "",
                        row.weight(), row.ok(), row.failed(), row.aborted(), row.status(), row.latency());
                rows.merge(key, as, (a, b) -> a.plus(b));
            }
        }
        return new ArrayList<>(rows.values());
    }

    /**
     * One ramp for the merged results: the same ramp when all had it (rounds of a comparison);
     * for results that ran side by side (shards of one load), their stages' targets added; else none.
     */
    private static Ramp ramp(List<RunResult> results) {
        Ramp first = results.get(0).ramp();
        if (first == null) {
            return null;
        }
        if (sideBySide(results)) {
            Ramp sum = first;
            for (int i = 1; i < results.size() && sum != null; i++) {
                sum = sum.plus(results.get(i).ramp());
            }
            return sum;
        }
        return results.stream().allMatch(r -> first.equals(r.ramp())) ? first : null;
    }

    /** Whether every result's load window overlaps the first one's: they ran at the same time. */
    private static boolean sideBySide(List<RunResult> results) {
        Window a = results.get(0).window();
        for (RunResult r : results) {
            Window b = r.window();
            if (b.startMicros() >= a.startMicros() + a.durationMicros() || a.startMicros() >= b.startMicros() + b.durationMicros()) {
                return false;
            }
        }
        return true;
    }

    private static void same(List<RunResult> results, Function<RunResult, Object> what, String name) {
        Set<Object> values = new LinkedHashSet<>();
        results.forEach(r -> values.add(what.apply(r)));
        if (values.size() > 1) {
            throw new IllegalArgumentException("cannot merge results of different " + name + ": " + values);
        }
    }

    /** One name when both agree, else both: {@code netty+kwik}. */
    private static String joined(String a, String b) {
        if (a.equals(b) || b.isEmpty()) {
            return a;
        }
        if (a.isEmpty() || List.of(a.split("\\+")).contains(b)) {
            return a.isEmpty() ? b : a;
        }
        return a + "+" + b;
    }

    /** Equal workloads stay as they are; the differing parts of a split load (shards) add up. */
    private static Parameters parameters(Parameters a, Parameters b) {
        if (a.equals(b)) {
            return a;
        }
        return new Parameters(a.connections() + b.connections(), Math.max(a.streamsPerConnection(), b.streamsPerConnection()),
                a.requests() + b.requests(), Math.max(a.durationSeconds(), b.durationSeconds()), a.rate() + b.rate(),
                Math.max(a.timeoutSeconds(), b.timeoutSeconds()), joined(a.method(), b.method()),
                a.maxConnecting() + b.maxConnecting());
    }

    private static Map<String, Long> status(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> m = new TreeMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }

    private static TrackerCounts streams(TrackerCounts a, TrackerCounts b) {
        Map<StreamState, Long> terminal = new EnumMap<>(StreamState.class);
        for (StreamState s : StreamState.values()) {
            terminal.put(s, a.terminal(s) + b.terminal(s));
        }
        return new TrackerCounts(a.opened() + b.opened(), terminal, a.live() + b.live(), a.doubleTerminal() + b.doubleTerminal(),
                a.forcedByWatchdog() + b.forcedByWatchdog(), a.connectionsRegistered() + b.connectionsRegistered(),
                a.connectionsLive() + b.connectionsLive());
    }

    /** From the earliest start; the duration is the time covered by at least one result's load window. */
    private static Window window(List<RunResult> results) {
        List<Window> windows = new ArrayList<>(results.stream().map(RunResult::window).toList());
        windows.sort(Comparator.comparingLong(Window::startMicros));
        long covered = 0;
        long spanStart = windows.get(0).startMicros();
        long spanEnd = spanStart;
        long interval = 0;
        StopReason stop = StopReason.COUNT;
        for (Window w : windows) {
            long end = w.startMicros() + w.durationMicros();
            if (w.startMicros() > spanEnd) {
                covered += spanEnd - spanStart;
                spanStart = w.startMicros();
                spanEnd = end;
            } else {
                spanEnd = Math.max(spanEnd, end);
            }
            interval = Math.max(interval, w.intervalMicros());
            stop = stop.and(w.stopReason());
        }
        covered += spanEnd - spanStart;
        return new Window(windows.get(0).startMicros(), covered, interval, stop);
    }
}
