package dev.quiver.http3;

import java.io.ByteArrayOutputStream;

/** QPACK's prefixed integers (RFC 9204, 4.1.1, the HPACK form of RFC 7541, 5.1). */
final class QpackPrefixInt {

    private QpackPrefixInt() {
    }

    /** Writes {@code value} with an {@code n}-bit prefix; {@code flags} are the first byte's bits above it. */
    static void write(ByteArrayOutputStream out, int flags, int n, long value) {
        int max = (1 << n) - 1;
        if (value < max) {
            out.write(flags | (int) value);
            return;
        }
        out.write(flags | max);
        long rest = value - max;
        while (rest >= 128) {
            out.write((int) (rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}
