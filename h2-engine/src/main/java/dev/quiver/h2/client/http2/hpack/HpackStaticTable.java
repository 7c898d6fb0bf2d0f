package dev.quiver.h2.client.http2.hpack;

import java.util.HashMap;
import java.util.Map;

/**
 * HPACK's static table (RFC 7541, Appendix A): 61 fixed (name, value) entries every HTTP/2 peer
 * knows, so that a field found here costs one or two bytes on the wire.
 */
final class HpackStaticTable {

    private static final String[][] ENTRIES = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"}, {":path", "/index.html"},
        {":scheme", "http"}, {":scheme", "https"}, {":status", "200"}, {":status", "204"}, {":status", "206"},
        {":status", "304"}, {":status", "400"}, {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"}, {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""},
        {"access-control-allow-origin", ""}, {"age", ""}, {"allow", ""}, {"authorization", ""},
        {"cache-control", ""}, {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""},
        {"content-length", ""}, {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
        {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""}, {"from", ""}, {"host", ""},
        {"if-match", ""}, {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
        {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""}, {"location", ""}, {"max-forwards", ""},
        {"proxy-authenticate", ""}, {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""},
    };

    /** The number of entries: indexes above it are the dynamic table's. */
    static final int LENGTH = ENTRIES.length;

    private static final Map<String, Integer> NAMES = new HashMap<>();
    private static final Map<String, Integer> PAIRS = new HashMap<>();

    static {
        for (int i = ENTRIES.length - 1; i >= 0; i--) { // the lowest index wins for a repeated name
            NAMES.put(ENTRIES[i][0], i + 1);
            PAIRS.put(ENTRIES[i][0] + '\0' + ENTRIES[i][1], i + 1);
        }
    }

    /** The octets of the name of entry {@code index} (1-based; all names are ASCII). */
    static int nameLength(int index) {
        return ENTRIES[index - 1][0].length();
    }

    /** The octets of the value of entry {@code index}. */
    static int valueLength(int index) {
        return ENTRIES[index - 1][1].length();
    }

    /** True when entry {@code index} is a {@code :status} field. */
    static boolean isStatus(int index) {
        return ENTRIES[index - 1][0].equals(":status");
    }

    /** The value of entry {@code index}. */
    static String value(int index) {
        return ENTRIES[index - 1][1];
    }

    private HpackStaticTable() {
    }

    /** The index of the entry holding exactly this name and value, or 0. */
    static int indexOf(String name, String value) {
        return PAIRS.getOrDefault(name + '\0' + value, 0);
    }

    /** The lowest index of an entry with this name, or 0. */
    static int indexOfName(String name) {
        return NAMES.getOrDefault(name, 0);
    }
}
