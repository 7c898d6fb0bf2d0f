package dev.quiver.cli.report.html;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lab's link on an HTML page, for every command made inside {@code quiver lab}: its parameters
 * and, per direction, what it did to the packets. Added at the end of whatever page the command
 * wrote, so a page read later still says which network it was measured on.
 */
public final class LinkSection {

    /** The counters per direction, as the JSON report names them under {@code link.to_server}/{@code link.to_client}. */
    private static final List<String> COUNTERS = List.of("forwarded", "bytes", "dropped_loss", "dropped_queue", "corrupted",
            "reordered", "duplicated", "blackholed", "max_queue_delay_ms");
    private static final List<String> SETTINGS = List.of("delay_ms", "jitter_ms", "rate_bps", "queue", "loss", "loss_burst",
            "reorder", "duplicate", "corrupt");

    private LinkSection() {
    }

    /** {@code page} with a Link section before its end; the page as it was when {@code link} is null. */
    public static String addTo(String page, Map<String, Object> link) {
        int end = page.lastIndexOf("</body>");
        if (link == null || end < 0) {
            return page;
        }
        return page.substring(0, end) + section(link) + page.substring(end);
    }

    @SuppressWarnings("unchecked")
    static String section(Map<String, Object> link) {
        Map<String, Object> params = (Map<String, Object>) link.getOrDefault("params", Map.of());
        StringBuilder b = new StringBuilder(4096);
        b.append("<section id=\"link\"><h2>Link (quiver lab)</h2>\n<p class=\"meta\">")
                .append(Svg.escape(link.get("client_address") + " -> " + link.get("server_address") + ", seed " + link.get("seed")
                        + ", rtt " + value(params.get("rtt_ms")) + " ms, mtu " + params.get("mtu")
                        + (params.get("profile") == null ? "" : ", profile " + params.get("profile"))
                        + (params.get("blackhole") == null ? "" : ", blackhole " + params.get("blackhole"))
                        + (link.get("tcp_congestion_control") == null ? "" : ", TCP congestion control " + link.get("tcp_congestion_control"))))
                .append("</p>\n<table><tr><th></th><th>to server</th><th>to client</th></tr>\n");
        Map<String, Object> upParams = (Map<String, Object>) params.getOrDefault("to_server", Map.of());
        Map<String, Object> downParams = (Map<String, Object>) params.getOrDefault("to_client", Map.of());
        for (String k : SETTINGS) {
            row(b, k, upParams.get(k), downParams.get(k));
        }
        Map<String, Object> up = (Map<String, Object>) link.getOrDefault("to_server", Map.of());
        Map<String, Object> down = (Map<String, Object>) link.getOrDefault("to_client", Map.of());
        for (String k : COUNTERS) {
            row(b, k, up.get(k), down.get(k));
        }
        return b.append("</table></section>\n").toString();
    }

    private static void row(StringBuilder b, String name, Object up, Object down) {
        b.append("<tr><td>").append(Svg.escape(name.replace('_', ' '))).append("</td><td>").append(Svg.escape(value(up)))
                .append("</td><td>").append(Svg.escape(value(down))).append("</td></tr>\n");
    }

    private static String value(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+$", "");
        }
        return String.valueOf(v);
    }
}
