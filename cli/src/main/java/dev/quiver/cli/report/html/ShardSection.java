package dev.quiver.cli.report.html;

import java.util.List;

/** The Shards section of a run's page: which shard a run was, or the parts a merged run came from. */
public final class ShardSection {

    private ShardSection() {
    }

    /**
     * {@code page} with a Shards section before its end.
     *
     * @param summary what the section says first (lines)
     * @param rows a table, heading row first; empty for none
     */
    public static String addTo(String page, String summary, List<List<String>> rows) {
        int end = page.lastIndexOf("</body>");
        if (end < 0) {
            return page;
        }
        StringBuilder b = new StringBuilder(1024 + rows.size() * 200);
        b.append("<section id=\"shards\"><h2>Shards</h2>\n");
        for (String line : summary.strip().split("\\R")) {
            b.append("<p class=\"meta\">").append(Svg.escape(line)).append("</p>\n");
        }
        if (!rows.isEmpty()) {
            b.append("<table>");
            for (int i = 0; i < rows.size(); i++) {
                String cell = i == 0 ? "th" : "td";
                b.append("<tr>");
                for (String v : rows.get(i)) {
                    b.append('<').append(cell).append('>').append(Svg.escape(v)).append("</").append(cell).append('>');
                }
                b.append("</tr>\n");
            }
            b.append("</table>");
        }
        return page.substring(0, end) + b.append("</section>\n") + page.substring(end);
    }
}
