package dev.quiver.http3;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tech.kwik.qpack.impl.Huffman;

/**
 * Decodes a request's field section (RFC 9204, 4.5) with a dynamic table of capacity 0, as the
 * server announces in its SETTINGS, and keeps the pseudo-header fields a server routes by. Every
 * representation is parsed and checked for bounds; a reference to the dynamic table, or a field
 * section that does not parse, is QPACK_DECOMPRESSION_FAILED (a connection error). A malformed
 * request (RFC 9114, 4.1.2: pseudo-header after a regular field, unknown or repeated pseudo-header,
 * no {@code :method} or {@code :path}) is H3_MESSAGE_ERROR, an error of its stream only. Values of
 * regular fields are skipped unread.
 */
public final class QpackRequestDecoder {

    private final byte[] buf;
    private int pos;
    private final int end;
    /** Where the string last read by {@link #string} ends. */
    private int stringEnd;
    /** Whether the string last read by {@link #string} is Huffman-coded. */
    private boolean huffman;

    private String method;
    private String path;
    private String authority;
    private boolean regularSeen;
    private boolean malformed;

    private QpackRequestDecoder(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /** The request's pseudo-header fields from the field section in {@code buf[off, off + len)}. */
    public static RequestHeaders decode(byte[] buf, int off, int len) throws H3Error {
        QpackRequestDecoder d = new QpackRequestDecoder(buf, off, len);
        d.fields();
        if (d.malformed || d.method == null || d.path == null || d.path.isEmpty()) {
            throw new H3Error(H3Error.H3_MESSAGE_ERROR, "malformed request header section");
        }
        return new RequestHeaders(d.method, d.path, d.authority);
    }

    /** Checks that a field section (trailers) decodes; its content is not kept. */
    public static void check(byte[] buf, int off, int len) throws H3Error {
        new QpackRequestDecoder(buf, off, len).fields();
    }

    private void fields() throws H3Error {
        if (integer(8) != 0) {
            throw failed("dynamic table reference (Required Insert Count > 0)");
        }
        integer(7); // Delta Base, meaningless without dynamic entries
        while (pos < end) {
            int b = buf[pos] & 0xff;
            if ((b & 0x80) != 0) { // indexed field line: 1 T index(6)
                int index = staticIndex((b & 0x40) != 0, integer(6));
                field(QpackStaticTable.name(index), QpackStaticTable.value(index));
            } else if ((b & 0x40) != 0) { // literal with name reference: 01 N T index(4)
                int index = staticIndex((b & 0x10) != 0, integer(4));
                String name = QpackStaticTable.name(index);
                int v = string(7);
                field(name, name.startsWith(":") ? text(v) : null);
                pos = stringEnd;
            } else if ((b & 0x20) != 0) { // literal with literal name: 001 N H length(3)
                int n = string(3);
                String name = text(n);
                pos = stringEnd;
                int v = string(7);
                field(name, name.startsWith(":") ? text(v) : null);
                pos = stringEnd;
            } else { // 0001 index (post-base indexed) or 0000 N index (post-base name reference)
                throw failed("dynamic table reference (post-base)");
            }
        }
    }

    /** A field line: pseudo-headers kept (each once, all before the regular fields), the rest passed over. */
    private void field(String name, String value) {
        if (!name.startsWith(":")) {
            regularSeen = true;
            return;
        }
        if (regularSeen) {
            malformed = true;
            return;
        }
        switch (name) {
            case ":method" -> method = once(method, value);
            case ":path" -> path = once(path, value);
            case ":authority" -> authority = once(authority, value);
            case ":scheme", ":protocol" -> { }
            default -> malformed = true;
        }
    }

    private String once(String earlier, String value) {
        if (earlier != null) {
            malformed = true;
        }
        return value;
    }

    private int staticIndex(boolean isStatic, long index) throws H3Error {
        if (!isStatic) {
            throw failed("dynamic table reference");
        }
        if (index >= QpackStaticTable.SIZE) {
            throw failed("static index " + index + " out of range");
        }
        return (int) index;
    }

    /** Reads a string's length (H flag just above an {@code n}-bit prefix); returns where its bytes start. */
    private int string(int n) throws H3Error {
        if (pos >= end) {
            throw failed("field section cut short");
        }
        huffman = (buf[pos] & (1 << n)) != 0;
        long length = integer(n);
        if (length > end - pos) {
            throw failed("string beyond the field section");
        }
        stringEnd = pos + (int) length;
        return pos;
    }

    private String text(int start) throws H3Error {
        if (!huffman) {
            return new String(buf, start, stringEnd - start, StandardCharsets.ISO_8859_1);
        }
        try {
            return new Huffman().decode(Arrays.copyOfRange(buf, start, stringEnd));
        } catch (RuntimeException e) {
            throw failed("bad Huffman code");
        }
    }

    /** Reads an integer with an {@code n}-bit prefix at {@code pos} (RFC 7541, 5.1). */
    private long integer(int n) throws H3Error {
        if (pos >= end) {
            throw failed("field section cut short");
        }
        int max = (1 << n) - 1;
        long v = buf[pos++] & max;
        if (v < max) {
            return v;
        }
        for (int shift = 0; ; shift += 7) {
            if (pos >= end) {
                throw failed("field section cut short");
            }
            if (shift > 56) {
                throw failed("integer too large");
            }
            int b = buf[pos++] & 0xff;
            v += (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    private static H3Error failed(String why) {
        return new H3Error(H3Error.QPACK_DECOMPRESSION_FAILED, why);
    }
}
