package dev.quiver.cli.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.lab.control.ControlClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The link a report was made over, when quiver runs inside {@code quiver lab}: asked from the
 * lab's control socket at report time, added to the JSON report under {@code link} and printed as a
 * Link block after the text report, for every command ({@link ReportOutput}). Outside a lab it adds nothing.
 */
public final class LinkReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTERS = {"forwarded", "bytes", "dropped_loss", "dropped_queue", "corrupted", "reordered",
        "duplicated", "blackholed", "dropped_device"};

    private LinkReport() {
    }

    /** The lab's link as of now, or null outside a lab (or, said in one line on {@code err}, when the lab does not answer). */
    public static Map<String, Object> fromLab(PrintStream err) {
        Path socket = ControlClient.fromEnvironment();
        if (socket == null) {
            return null;
        }
        try {
            return JSON.readValue(ControlClient.link(socket), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            err.println("quiver: the lab's control socket " + socket + " did not answer: " + e.getMessage() + " (no link in the report)");
            return null;
        }
    }

    /**
     * Adds {@code link} to a JSON report (one object, as every report format writes it) under
     * {@code link}; the report's own keys and numbers stay as they were written.
     */
    public static String addTo(String jsonReport, Map<String, Object> link) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(jsonReport);
            tree.set("link", JSON.valueToTree(link));
            return JsonReport.toJson(tree);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a JSON report that is not one object", e);
        }
    }

    /** The Link block of the text report; nothing when there is no link. */
    @SuppressWarnings("unchecked")
    public static void print(Map<String, Object> link, PrintStream out) {
        if (link == null) {
            return;
        }
        out.println();
        out.println("Link (quiver lab):");
        Map<String, Object> params = (Map<String, Object>) link.getOrDefault("params", Map.of());
        out.printf(Locale.ROOT, "  %s -> %s, seed %s%s%s%n", link.get("client_address"), link.get("server_address"), link.get("seed"),
                params.get("profile") == null ? "" : ", profile " + params.get("profile"), tcpCongestionControl(link));
        out.printf(Locale.ROOT, "  rtt %s ms, mtu %s%s%s%s%n", params.get("rtt_ms"), params.get("mtu"),
                params.get("blackhole") == null ? "" : ", blackhole " + params.get("blackhole"),
                params.get("rebind_port_s") == null ? "" : ", rebind port every " + params.get("rebind_port_s") + " s",
                params.get("rebind_addr_s") == null ? "" : ", rebind address every " + params.get("rebind_addr_s") + " s");
        for (String dir : new String[] {"to_server", "to_client"}) {
            Map<String, Object> p = (Map<String, Object>) params.getOrDefault(dir, Map.of());
            Map<String, Object> c = (Map<String, Object>) link.getOrDefault(dir, Map.of());
            out.printf(Locale.ROOT, "  %-10s delay %s ms, jitter %s ms, rate %s, loss %s%s, reorder %s, duplicate %s, corrupt %s%n",
                    dir.replace('_', ' ') + ":", p.get("delay_ms"), p.get("jitter_ms"),
                    p.get("rate_bps") == null ? "unlimited" : p.get("rate_bps") + " bit/s (queue " + p.get("queue") + ")",
                    percent(p.get("loss")), p.get("loss_burst") == null ? "" : " in bursts of " + p.get("loss_burst"),
                    percent(p.get("reorder")), percent(p.get("duplicate")), percent(p.get("corrupt")));
            StringBuilder sb = new StringBuilder();
            for (String k : COUNTERS) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k.replace('_', ' ')).append(' ').append(c.get(k));
            }
            out.printf(Locale.ROOT, "  %-10s %s, max queue delay %s ms, link late by up to %s ms%n", "", sb,
                    c.get("max_queue_delay_ms"), c.get("max_late_ms"));
        }
    }

    /** {@code , TCP congestion control cubic}, or nothing from a lab that did not say. */
    private static String tcpCongestionControl(Map<String, Object> link) {
        Object cc = link.get("tcp_congestion_control");
        return cc == null ? "" : ", TCP congestion control " + cc;
    }

    private static String percent(Object p) {
        if (!(p instanceof Number n)) {
            return "-";
        }
        double v = n.doubleValue() * 100;
        return (v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v)) + "%";
    }
}
