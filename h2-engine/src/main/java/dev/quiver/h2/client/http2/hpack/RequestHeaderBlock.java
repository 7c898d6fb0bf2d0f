package dev.quiver.h2.client.http2.hpack;

import dev.quiver.core.engine.RequestTemplate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request's header block, HPACK-encoded once for every request of a run. It uses the static
 * table and literals "without indexing" only, never the dynamic table, so the same bytes are
 * valid on every stream of every connection whatever the server's table size: encoding the
 * same head again per request was a measurable share of the client's CPU.
 */
public final class RequestHeaderBlock {

    private RequestHeaderBlock() {
    }

    /** The encoded block of these fields, in this order (names lower case, as HTTP/2 requires). */
    public static byte[] encode(List<RequestTemplate.Header> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (RequestTemplate.Header f : fields) {
            int pair = HpackStaticTable.indexOf(f.name(), f.value());
            if (pair > 0) {
                integer(out, 0x80, 7, pair); // indexed field (6.1)
                continue;
            }
            int name = HpackStaticTable.indexOfName(f.name());
            integer(out, 0x00, 4, name); // literal without indexing (6.2.2); 0 = the name follows as a literal
            if (name == 0) {
                string(out, f.name());
            }
            string(out, f.value());
        }
        return out.toByteArray();
    }

    /** A string literal without Huffman coding (5.2). */
    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        integer(out, 0x00, 7, b.length);
        out.write(b, 0, b.length);
    }

    /** An integer with an N-bit prefix (5.1), the prefix's other bits set to {@code mask}. */
    static void integer(ByteArrayOutputStream out, int mask, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(mask | value);
            return;
        }
        out.write(mask | max);
        int rest = value - max;
        while (rest >= 0x80) {
            out.write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }
}
