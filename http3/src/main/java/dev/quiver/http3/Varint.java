package dev.quiver.http3;

/** QUIC variable-length integers (RFC 9000, 16), as HTTP/3 frames and stream types use them. */
public final class Varint {

    public static final long MAX = (1L << 62) - 1;

    private Varint() {
    }

    /** The encoded length of {@code v}: 1, 2, 4 or 8 bytes. */
    public static int size(long v) {
        if (v < 0 || v > MAX) {
            throw new IllegalArgumentException("not a QUIC variable-length integer: " + v);
        }
        return v < 64 ? 1 : v < 16_384 ? 2 : v < 1_073_741_824 ? 4 : 8;
    }

    /** Writes {@code v} at {@code off}; returns the offset after it. */
    public static int write(byte[] dst, int off, long v) {
        int n = size(v);
        long prefix = switch (n) {
            case 1 -> 0L;
            case 2 -> 0x40L << 8;
            case 4 -> 0x80L << 24;
            default -> 0xC0L << 56;
        };
        long x = v | prefix;
        for (int i = n - 1; i >= 0; i--) {
            dst[off + i] = (byte) x;
            x >>>= 8;
        }
        return off + n;
    }

    /** The length of a varint from its first byte. */
    public static int lengthOf(int firstByte) {
        return 1 << ((firstByte & 0xC0) >> 6);
    }

    /**
     * Reads the varint at {@code off} of {@code buf[.., end)}; -1 if it does not fit before
     * {@code end}. Its length is {@link #lengthOf} its first byte.
     */
    public static long read(byte[] buf, int off, int end) {
        if (off >= end) {
            return -1;
        }
        int n = lengthOf(buf[off] & 0xff);
        if (off + n > end) {
            return -1;
        }
        long v = buf[off] & 0x3f;
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (buf[off + i] & 0xff);
        }
        return v;
    }
}
