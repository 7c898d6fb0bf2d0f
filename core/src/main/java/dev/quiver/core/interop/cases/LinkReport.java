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

    /**
     * The counter in one direction ({@code to_server}, {@code to_client}); 0 when absent. The
     * report's parameters have objects of the same names, without counters; they are skipped.
     */
    static long direction(String json, String direction, String counter) {
        Matcher objects = Pattern.compile("\"" + Pattern.quote(direction) + "\"\\s*:\\s*\\{([^{}]*)\\}").matcher(json);
        while (objects.find()) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(counter) + "\"\\s*:\\s*(\\d+)").matcher(objects.group(1));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    /** A true/false value of the report ({@code validated}); false when absent. */
    static boolean flag(String json, String key) {
        return Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*true").matcher(json).find();
    }

    /** A text value of the report ({@code server_address6}), or null when absent. */
    static String text(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /**
     * What the link did with the packets each way, for a failure's detail: whether the server's
     * packets stopped coming or the link held them back ({@code dropped_queue}) shows there.
     */
    static String traffic(String json) {
        StringBuilder s = new StringBuilder("link: ");
        for (String d : new String[] {"to_server", "to_client"}) {
            s.append(d.replace('_', ' ')).append(' ').append(direction(json, d, "received")).append(" received, ")
                    .append(direction(json, d, "forwarded")).append(" forwarded, ")
                    .append(direction(json, d, "dropped_queue")).append(" dropped by the queue")
                    .append(d.equals("to_server") ? "; " : "");
        }
        return s.toString();
    }

    /** {@code 35 (to server 4, to client 31)}: a counter both ways, for a case's detail. */
    static String bothWays(String json, String counter) {
        long up = direction(json, "to_server", counter);
        long down = direction(json, "to_client", counter);
        return (up + down) + " (to server " + up + ", to client " + down + ")";
    }
}
