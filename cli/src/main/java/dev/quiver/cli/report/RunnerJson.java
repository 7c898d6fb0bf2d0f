package dev.quiver.cli.report;

import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.Measurement;
import dev.quiver.core.interop.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The matrix in the QUIC interop runner's {@code result.json} shape (its {@code interop.py}
 * {@code _export_results}), so the runner's web page and tools read quiver's results: quiver's
 * engines are the clients ({@code quiver-netty}, {@code quiver-kwik}), the target the one server.
 * The runner knows three results; {@code not shown} becomes {@code unsupported} (never a success,
 * never a failure, as there), and a cell that did not run (Ctrl-C) is {@code null}, as the runner
 * writes a test it has no result for. A measurement case ({@code goodput}) goes to {@code measurements}
 * with its value as {@code details} ({@code "9412 kbps"}), as the runner's measurements do.
 */
public final class RunnerJson {

    /** The runner's {@code QUIC_VERSION}: {@code hex(0x1)}. */
    private static final String QUIC_VERSION = "0x1";

    private RunnerJson() {
    }

    /**
     * @param logDir where the cases' logs are (the qlog directory), or null
     * @param homepages each engine's QUIC stack's homepage, by engine name
     */
    public static String render(InteropMatrix m, Instant start, Instant end, String logDir, Map<String, String> homepages) {
        String server = server(m.target());
        List<String> clients = m.engines().stream().map(RunnerJson::client).toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("start_time", seconds(start));
        root.put("end_time", seconds(end));
        root.put("log_dir", logDir == null ? "" : logDir);
        root.put("servers", List.of(server));
        root.put("clients", clients);
        Map<String, String> urls = new LinkedHashMap<>();
        for (String e : m.engines()) {
            urls.put(client(e), homepages.get(e));
        }
        urls.put(server, m.target());
        root.put("urls", urls);
        Map<String, Object> tests = new LinkedHashMap<>();
        for (InteropCase c : m.cases()) {
            Map<String, String> t = new LinkedHashMap<>();
            t.put("name", c.id());
            t.put("desc", c.description());
            tests.put(c.abbreviation(), t);
        }
        root.put("tests", tests);
        root.put("quic_version", QUIC_VERSION);
        List<Object> results = new ArrayList<>();
        List<Object> measurements = new ArrayList<>();
        for (String e : m.engines()) { // clients outside, servers inside, as the runner loops
            List<Map<String, Object>> row = new ArrayList<>();
            List<Map<String, Object>> measured = new ArrayList<>();
            for (InteropCase c : m.cases()) {
                Optional<CaseResult> r = m.cell(c, e);
                Map<String, Object> cell = new LinkedHashMap<>();
                if (c.measurement()) {
                    // As the runner: a measurement that did not run is left out; its details are "VALUE UNIT".
                    if (r.isPresent()) {
                        cell.put("name", c.id());
                        cell.put("abbr", c.abbreviation());
                        cell.put("result", result(r));
                        Measurement v = r.get().measurement();
                        cell.put("details", v == null ? "" : String.format(Locale.ROOT, "%.0f %s", v.value(), v.unit()));
                        measured.add(cell);
                    }
                    continue;
                }
                cell.put("abbr", c.abbreviation());
                cell.put("name", c.id());
                cell.put("result", result(r));
                row.add(cell);
            }
            results.add(row);
            measurements.add(measured);
        }
        root.put("results", results);
        root.put("measurements", measurements);
        return JsonReport.toJson(root) + System.lineSeparator();
    }

    static String result(Optional<CaseResult> cell) {
        if (cell.isEmpty()) {
            return null;
        }
        Verdict v = cell.get().verdict();
        return switch (v) {
            case PASS -> "succeeded";
            case FAIL -> "failed";
            case UNSUPPORTED, NOT_SHOWN -> "unsupported";
        };
    }

    static String client(String engine) {
        return "quiver-" + engine;
    }

    /** The server's name: its URL's authority ({@code localhost:8443}). */
    static String server(String target) {
        String rest = target.substring(target.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
