package dev.quiver.http3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes a field section with the static table only (RFC 9204, 4.5): an exact match becomes an
 * indexed field line, a known name a literal with a name reference, anything else a literal with
 * a literal name; no Huffman coding and no dynamic table, so the result needs no encoder stream
 * and the same bytes serve every request of a run.
 */
public final class QpackEncoder {

    private QpackEncoder() {
    }

    public static byte[] encode(List<Map.Entry<String, String>> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(0); // Required Insert Count 0: nothing from the dynamic table
        out.write(0); // Delta Base 0
        for (Map.Entry<String, String> f : fields) {
            String name = f.getKey().toLowerCase(Locale.ROOT);
            String value = f.getValue();
            int exact = QpackStaticTable.indexOf(name, value);
            if (exact >= 0) {
                QpackPrefixInt.write(out, 0xC0, 6, exact); // 11T index, T = static
                continue;
            }
            int named = QpackStaticTable.nameIndex(name);
            if (named >= 0) {
                QpackPrefixInt.write(out, 0x50, 4, named); // 01NT index, N = 0, T = static
            } else {
                byte[] n = name.getBytes(StandardCharsets.UTF_8);
                QpackPrefixInt.write(out, 0x20, 3, n.length); // 001NH length, N = 0, H = 0
                out.writeBytes(n);
            }
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            QpackPrefixInt.write(out, 0x00, 7, v.length); // H = 0
            out.writeBytes(v);
        }
        return out.toByteArray();
    }
}
