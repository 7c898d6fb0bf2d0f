package dev.quiver.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.core.report.ClientBound;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether quiver itself was the bottleneck, in every report format: the JSON block
 * {@code client_bound} (always present), read back for merges, the text report's line and warning,
 * and the words of the HTML banner.
 */
public final class ClientBoundReport {

    /** What to change when quiver's own work is the bottleneck. */
    static final String ADVICE = "use fewer streams per connection (-p), more --io-threads, more cores, "
            + "or several machines (quiver merge)";
    /** What comes first when quiver's loop mostly waited for a core that other processes held. */
    static final String ADVICE_WAITED = "its busiest event loop mostly waited for a core that other processes held "
            + "(the server, when it runs on this machine): give quiver cores of its own, and ";

    private ClientBoundReport() {
    }

    /** The JSON block. */
    public static Map<String, Object> tree(ClientBound c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("saturated", c.saturated());
        m.put("cpu_share", Units.round3(c.cpuShare()));
        m.put("busiest_loop_share", share(c.busiestLoopShare()));
        m.put("busiest_loop_wait_share", share(c.busiestLoopWaitShare()));
        m.put("saturated_share", Units.round3(c.saturatedShare()));
        m.put("threshold", ClientBound.SATURATED);
        m.put("material_share", ClientBound.MATERIAL_SHARE);
        m.put("cores", c.cores());
        m.put("loops", c.loops());
        // Microseconds as measured: merging what was read is merging what was run.
        m.put("sampled_s", c.sampledSeconds());
        m.put("cpu_s", c.cpuSeconds());
        m.put("saturated_s", c.saturatedSeconds());
        m.put("measured", c.measured());
        return m;
    }

    /** The block read back; {@link ClientBound#NONE} for a report written before quiver measured itself. */
    public static ClientBound read(JsonNode root) {
        JsonNode c = root.get("client_bound");
        if (c == null || c.isNull()) {
            return ClientBound.NONE;
        }
        JsonNode measured = c.get("measured");
        if (measured == null || !measured.isTextual()) {
            throw new IllegalArgumentException("missing key client_bound.measured");
        }
        return new ClientBound(measured.asText(), (int) number(c, "cores"), (int) number(c, "loops"), number(c, "sampled_s"),
                number(c, "cpu_s"), share(c, "busiest_loop_share"), share(c, "busiest_loop_wait_share"),
                number(c, "saturated_s"));
    }

    /** A share as written: null for none (no loop measured). */
    private static Double share(double v) {
        return Double.isNaN(v) ? null : Units.round3(v);
    }

    private static double share(JsonNode c, String key) {
        JsonNode n = c.get(key);
        return n == null || n.isNull() ? Double.NaN : number(c, key);
    }

    private static double number(JsonNode c, String key) {
        JsonNode n = c.get(key);
        if (n == null || !n.isNumber() || n.asDouble() < 0) {
            throw new IllegalArgumentException("missing key client_bound." + key);
        }
        return n.asDouble();
    }

    /** What was measured, in figures: {@code CPU 45% of 2 cores, busiest event loop 97%, saturated 80% of the time}. */
    public static String figures(ClientBound c) {
        // From the figures as the JSON report writes them, so that a report read back says the same.
        String loop = Double.isNaN(c.busiestLoopShare()) ? "no event loops measured"
                : String.format(Locale.ROOT, "busiest event loop %.0f%% busy (%.0f%% waiting for a core)", percent(c.busiestLoopShare()),
                        Double.isNaN(c.busiestLoopWaitShare()) ? 0 : percent(c.busiestLoopWaitShare()));
        return String.format(Locale.ROOT, "CPU %.0f%% of %d core%s, %s, saturated %.0f%% of the time", percent(c.cpuShare()),
                c.cores(), c.cores() == 1 ? "" : "s", loop, saturatedPercent(c));
    }

    private static double percent(double share) {
        return Units.round3(share) * 100;
    }

    private static double saturatedPercent(ClientBound c) {
        double sampled = Units.round3(c.sampledSeconds());
        return sampled > 0 ? Units.round3(c.saturatedSeconds()) / sampled * 100 : 0;
    }

    /** The warning, or null when quiver was not the bottleneck. */
    public static String warning(RunResult r) {
        ClientBound c = r.clientBound();
        if (!c.saturated()) {
            return null;
        }
        return String.format(Locale.ROOT, "quiver itself was the bottleneck (client-bound) for %.0f%% of the measured run "
                + "(%s): these figures say more about quiver than about the server; %s.", saturatedPercent(c), figures(c),
                (c.loopMostlyWaited() ? ADVICE_WAITED : "") + ADVICE);
    }

    /** The text report's warning, at its top: nothing when quiver was not the bottleneck. */
    public static void printWarning(RunResult r, PrintWriter out) {
        String w = warning(r);
        if (w != null) {
            out.println("WARNING: " + w);
            out.println();
        }
    }

    /** The text report's summary line: what quiver used of itself. */
    public static void print(RunResult r, PrintWriter out) {
        ClientBound c = r.clientBound();
        if (c.sampledSeconds() > 0) {
            out.printf(Locale.ROOT, "  Client load:   %s%s%n", figures(c), c.saturated() ? " (client-bound, see WARNING)" : "");
        }
    }
}
