package dev.quiver.core.interop.cases;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a counter out of the lab's link report (JSON text) without a JSON library in core. */
final class LinkReport {

    private LinkReport() {
    }

    /** The counter summed over both directions ({@code to_server}, {@code to_client}); 0 when absent. */
    static long sum(String json, String counter) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(counter) + "\"\\s*:\\s*(\\d+)").matcher(json);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
