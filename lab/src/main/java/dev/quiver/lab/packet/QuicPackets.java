package dev.quiver.lab.packet;

/**
 * What the link reads of QUIC in a UDP payload, without keys: the long header's form bit, version
 * and type bits (not covered by header protection, RFC 9001 5.4.1), and its Length field, which
 * says where a coalesced packet ends. QUIC v1 and v2 number the long-header types differently
 * (RFC 9000 17.2, RFC 9369 3.2). Nothing here allocates: it runs on every packet of the link.
 */
public final class QuicPackets {

    /** The type of a QUIC packet, as far as the link can tell. */
    public enum Type { INITIAL, ZERO_RTT, HANDSHAKE, RETRY, VERSION_NEGOTIATION, SHORT, NONE }

    static final int V2 = 0x6b3343cf;
    private static final Type[] V1_TYPES = {Type.INITIAL, Type.ZERO_RTT, Type.HANDSHAKE, Type.RETRY};
    private static final Type[] V2_TYPES = {Type.RETRY, Type.INITIAL, Type.ZERO_RTT, Type.HANDSHAKE};

    private QuicPackets() {
    }

    /**
     * The type of the first QUIC packet in the UDP payload at {@code [from, to)} of the buffer (the
     * interop runner classifies a datagram by its first packet too); {@link Type#NONE} for an empty
     * or truncated one. A version other than v2 is read with v1's type bits, as the runner does.
     */
    public static Type firstType(byte[] p, int from, int to) {
        if (to - from < 1) {
            return Type.NONE;
        }
        if ((p[from] & 0x80) == 0) {
            return Type.SHORT;
        }
        if (to - from < 5) {
            return Type.NONE;
        }
        int version = IpPacket.readInt(p, from + 1);
        if (version == 0) {
            return Type.VERSION_NEGOTIATION;
        }
        int bits = (p[from] & 0x30) >>> 4;
        return version == V2 ? V2_TYPES[bits] : V1_TYPES[bits];
    }

    /**
     * The bytes of the Handshake packets among the long-header packets coalesced in the UDP payload
     * at {@code [from, to)}, each counted whole (header, packet number and protected payload): how
     * much Handshake data a server sent, retransmissions included. Stops at a short-header packet
     * (it runs to the datagram's end), a Retry or Version Negotiation (no Length), or anything that
     * does not parse.
     */
    public static int handshakeBytes(byte[] p, int from, int to) {
        int total = 0;
        int at = from;
        while (at < to) {
            Type t = firstType(p, at, to);
            if (t != Type.INITIAL && t != Type.ZERO_RTT && t != Type.HANDSHAKE) {
                break;
            }
            int end = packetEnd(p, at, to, t == Type.INITIAL);
            if (end < 0) {
                break;
            }
            if (t == Type.HANDSHAKE) {
                total += end - at;
            }
            at = end;
        }
        return total;
    }

    /** Where the long-header packet at {@code at} ends, or -1 when its header does not fit. */
    private static int packetEnd(byte[] p, int at, int to, boolean initial) {
        int i = at + 5;
        for (int cid = 0; cid < 2; cid++) {
            if (i >= to) {
                return -1;
            }
            i += 1 + (p[i] & 0xFF);
        }
        if (initial) {
            long token = varint(p, i, to);
            if (token < 0 || token > to - i) {
                return -1;
            }
            i += varintLength(p, i) + token;
        }
        long length = varint(p, i, to);
        if (length < 0) {
            return -1;
        }
        long end = i + varintLength(p, i) + length;
        return end > to ? -1 : (int) end;
    }

    /** A QUIC variable-length integer (RFC 9000 16) at {@code i}, or -1 when it does not fit before {@code to}. */
    static long varint(byte[] p, int i, int to) {
        if (i >= to) {
            return -1;
        }
        int n = varintLength(p, i);
        if (i + n > to) {
            return -1;
        }
        long v = p[i] & 0x3F;
        for (int k = 1; k < n; k++) {
            v = (v << 8) | (p[i + k] & 0xFF);
        }
        return v;
    }

    private static int varintLength(byte[] p, int i) {
        return 1 << ((p[i] & 0xC0) >>> 6);
    }
}
