package dev.quiver.lab.packet;

/** The ones'-complement Internet checksum (RFC 1071) and its incremental update (RFC 1624). */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /** The ones'-complement sum of {@code len} bytes from {@code off}, added to {@code initial}, not yet inverted. */
    public static int sum(byte[] b, int off, int len, int initial) {
        long s = initial;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            s += (b[i] & 0xFF) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum of the bytes: the inverted sum. */
    public static int of(byte[] b, int off, int len, int initial) {
        return ~sum(b, off, len, initial) & 0xFFFF;
    }

    /**
     * The checksum after one 16-bit word it covers changed from {@code oldWord} to {@code newWord}:
     * RFC 1624, equation 3, {@code HC' = ~(~HC + ~m + m')}.
     */
    public static int adjust(int checksum, int oldWord, int newWord) {
        int s = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return ~s & 0xFFFF;
    }

    /** As {@link #adjust(int, int, int)} for a 32-bit field (an IPv4 address): two words. */
    public static int adjust32(int checksum, int oldValue, int newValue) {
        int c = adjust(checksum, oldValue >>> 16, newValue >>> 16);
        return adjust(c, oldValue & 0xFFFF, newValue & 0xFFFF);
    }
}
