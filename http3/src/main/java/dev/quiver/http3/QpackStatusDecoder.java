package dev.quiver.http3;

import dev.quiver.core.engine.ResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a response's field section (RFC 9204, 4.5) with a dynamic table of capacity 0, as this
 * client announces in its SETTINGS, and keeps only what a load tester reports: {@code :status}.
 * Every representation is parsed and checked for bounds; a reference to the dynamic table, or a
 * field section that does not parse, is QPACK_DECOMPRESSION_FAILED. Huffman-coded strings are
 * decoded only where they may be {@code :status}; others are skipped unread.
 */
public final class QpackStatusDecoder {

    private static final byte[] STATUS = ":status".getBytes(StandardCharsets.US_ASCII);

    private final FieldLineReader in;

    private QpackStatusDecoder(byte[] buf, int off, int len) {
        this.in = new FieldLineReader(buf, off, len);
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
        in.prefix();
        int status = -1;
        while (in.more()) {
            int b = in.peek();
            if ((b & 0x80) != 0) { // indexed field line: 1 T index(6)
                int index = in.staticIndex((b & 0x40) != 0, 6);
                if (QpackStaticTable.name(index).equals(":status") && status < 0) {
                    status = parse(QpackStaticTable.value(index));
                }
            } else if ((b & 0x40) != 0) { // literal with name reference: 01 N T index(4)
                int index = in.staticIndex((b & 0x10) != 0, 4);
                boolean isStatus = QpackStaticTable.name(index).equals(":status");
                int v = in.string(7);
                if (isStatus && status < 0) {
                    status = parse(value(v));
                }
                in.skipString();
            } else if ((b & 0x20) != 0) { // literal with literal name: 001 N H length(3)
                int n = in.string(3);
                boolean isStatus = in.plainEquals(n, STATUS) || (in.huffman() && value(n).equals(":status"));
                in.skipString();
                int v = in.string(7);
                if (isStatus && status < 0) {
                    status = parse(value(v));
                }
                in.skipString();
            } else { // 0001 index (post-base indexed) or 0000 N index (post-base name reference)
                throw FieldLineReader.failed("dynamic table reference (post-base)");
            }
        }
        return status;
    }

    /** A string that may be a status (or its name): one longer than any of them, coded or not, is none. */
    private String value(int start) throws H3Error {
        return in.huffman() && in.length(start) > 16 ? "" : in.text(start);
    }

    private static int parse(String value) throws H3Error {
        int status = ResponseStatus.parse(value);
        if (status == 0) {
            throw new H3Error(H3Error.H3_MESSAGE_ERROR, "malformed :status");
        }
        return status;
    }
}
