package dev.quiver.http3;

import dev.quiver.core.engine.ResponseStatus;
import java.nio.charset.StandardCharsets;
import tech.kwik.qpack.impl.Huffman;

/**
 * Decodes a response's field section (RFC 9204, 4.5) with a dynamic table of capacity 0, as this
 * client announces in its SETTINGS, and keeps only what a load tester reports: {@code :status}.
 * Every representation is parsed and checked for bounds; a reference to the dynamic table, or a
 * field section that does not parse, is QPACK_DECOMPRESSION_FAILED. Huffman-coded strings are
 * decoded only where they may be {@code :status}; others are skipped unread.
 */
public final class QpackStatusDecoder {

    private static final byte[] STATUS = ":status".getBytes(StandardCharsets.US_ASCII);

    private final byte[] buf;
    private int pos;
    private final int end;

    private QpackStatusDecoder(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /** The response's {@code :status} (required) from the field section in {@code buf[off, off + len)}. */
    public static int status(byte[] buf, int off, int len) throws H3Error {
        int status = new QpackStatusDecoder(buf, off, len).decode();
        if (status < 0) {
            throw new H3Error(H3Error.H3_MESSAGE_ERROR, "response without :status");
        }
        return status;
    }

    /** Checks that a field section without {@code :status} (trailers) decodes. */
    public static void check(byte[] buf, int off, int len) throws H3Error {
        new QpackStatusDecoder(buf, off, len).decode();
    }

    private int decode() throws H3Error {
        if (integer(8) != 0) {
            throw failed("dynamic table reference (Required Insert Count > 0)");
        }
        integer(7); // Delta Base, meaningless without dynamic entries
        int status = -1;
        while (pos < end) {
            int b = buf[pos] & 0xff;
            if ((b & 0x80) != 0) { // indexed field line: 1 T index(6)
                boolean isStatic = (b & 0x40) != 0;
                int index = staticIndex(isStatic, integer(6));
                if (QpackStaticTable.name(index).equals(":status") && status < 0) {
                    status = parse(QpackStaticTable.value(index));
                }
            } else if ((b & 0x40) != 0) { // literal with name reference: 01 N T index(4)
                boolean isStatic = (b & 0x10) != 0;
                int index = staticIndex(isStatic, integer(4));
                boolean isStatus = QpackStaticTable.name(index).equals(":status");
                int v = string(7);
                if (isStatus && status < 0) {
                    status = parse(text(v, 7));
                }
                pos = stringEnd;
            } else if ((b & 0x20) != 0) { // literal with literal name: 001 N H length(3)
                int n = string(3);
                boolean isStatus = isStatusName(n, 3);
                pos = stringEnd;
                int v = string(7);
                if (isStatus && status < 0) {
                    status = parse(text(v, 7));
                }
                pos = stringEnd;
            } else { // 0001 index (post-base indexed) or 0000 N index (post-base name reference)
                throw failed("dynamic table reference (post-base)");
            }
        }
        return status;
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

    private static int parse(String value) throws H3Error {
        int status = ResponseStatus.parse(value);
        if (status == 0) {
            throw new H3Error(H3Error.H3_MESSAGE_ERROR, "malformed :status");
        }
        return status;
    }

    /** Where the string last read by {@link #string} ends. */
    private int stringEnd;
    /** Whether the string last read by {@link #string} is Huffman-coded. */
    private boolean huffman;

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

    private String text(int start, int n) throws H3Error {
        if (!huffman) {
            return new String(buf, start, stringEnd - start, StandardCharsets.ISO_8859_1);
        }
        if (stringEnd - start > 16) {
            return ""; // longer than any status code can be, coded or not: not a status
        }
        byte[] coded = java.util.Arrays.copyOfRange(buf, start, stringEnd);
        try {
            return new Huffman().decode(coded);
        } catch (RuntimeException e) {
            throw failed("bad Huffman code");
        }
    }

    private boolean isStatusName(int start, int n) throws H3Error {
        if (huffman) {
            return text(start, n).equals(":status");
        }
        return java.util.Arrays.equals(buf, start, stringEnd, STATUS, 0, STATUS.length);
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
