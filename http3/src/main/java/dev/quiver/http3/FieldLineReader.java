package dev.quiver.http3;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tech.kwik.qpack.impl.Huffman;

/**
 * The primitives of a QPACK field section (RFC 9204, 4.5) read with a dynamic table of capacity 0:
 * prefixed integers (RFC 7541, 5.1), string literals with their Huffman flag, static-table indexes.
 * Every read is checked against the section's end; whatever does not parse, and any reference to
 * the dynamic table, is QPACK_DECOMPRESSION_FAILED. What a decoder keeps of the lines is its own
 * ({@link QpackRequestDecoder}, {@link QpackStatusDecoder}).
 */
final class FieldLineReader {

    private final byte[] buf;
    private int pos;
    private final int end;
    /** Where the string last read by {@link #string} ends. */
    private int stringEnd;
    /** Whether the string last read by {@link #string} is Huffman-coded. */
    private boolean huffman;

    FieldLineReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /** Reads the encoded field section prefix: no dynamic table may be referred to (Required Insert Count 0). */
    void prefix() throws H3Error {
        if (integer(8) != 0) {
            throw failed("dynamic table reference (Required Insert Count > 0)");
        }
        integer(7); // Delta Base, meaningless without dynamic entries
    }

    boolean more() {
        return pos < end;
    }

    /** The first byte of the next field line, not consumed. */
    int peek() {
        return buf[pos] & 0xff;
    }

    /** Reads a static-table index with an {@code n}-bit prefix; {@code isStatic} is the line's T bit. */
    int staticIndex(boolean isStatic, int n) throws H3Error {
        long index = integer(n);
        if (!isStatic) {
            throw failed("dynamic table reference");
        }
        if (index >= QpackStaticTable.SIZE) {
            throw failed("static index " + index + " out of range");
        }
        return (int) index;
    }

    /** Reads a string's length (H flag just above an {@code n}-bit prefix); returns where its bytes start. */
    int string(int n) throws H3Error {
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

    /** Moves past the string last read by {@link #string}. */
    void skipString() {
        pos = stringEnd;
    }

    boolean huffman() {
        return huffman;
    }

    /** Coded length of the string last read by {@link #string}, starting at {@code start}. */
    int length(int start) {
        return stringEnd - start;
    }

    /** Whether the string last read, not Huffman-coded, is exactly {@code bytes}. */
    boolean plainEquals(int start, byte[] bytes) {
        return !huffman && Arrays.equals(buf, start, stringEnd, bytes, 0, bytes.length);
    }

    /** The string last read by {@link #string}, starting at {@code start}, decoded. */
    String text(int start) throws H3Error {
        if (!huffman) {
            return new String(buf, start, stringEnd - start, StandardCharsets.ISO_8859_1);
        }
        try {
            return new Huffman().decode(Arrays.copyOfRange(buf, start, stringEnd));
        } catch (RuntimeException e) {
            throw failed("bad Huffman code");
        }
    }

    /** Reads an integer with an {@code n}-bit prefix at the current position (RFC 7541, 5.1). */
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

    static H3Error failed(String why) {
        return new H3Error(H3Error.QPACK_DECOMPRESSION_FAILED, why);
    }
}
