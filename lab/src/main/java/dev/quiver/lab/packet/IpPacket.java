package dev.quiver.lab.packet;

/**
 * Reads and rewrites the few fields of a raw IP packet the link cares about, in place, in the
 * {@code byte[]} the packet arrived in. Every accessor is defensive: a packet too short for a
 * field is treated as not having it, since a TUN device hands over whatever the stack sent.
 */
public final class IpPacket {

    public static final int TCP = 6;
    public static final int UDP = 17;

    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;

    private IpPacket() {
    }

    public static int version(byte[] p, int len) {
        return len < 1 ? 0 : (p[0] & 0xFF) >>> 4;
    }

    /** Whether this is an IPv4 packet with a complete header. */
    public static boolean isIpv4(byte[] p, int len) {
        return version(p, len) == 4 && len >= IPV4_MIN_HEADER && headerLength(p) >= IPV4_MIN_HEADER && headerLength(p) <= len;
    }

    /** IPv4 header length in bytes. */
    public static int headerLength(byte[] p) {
        return (p[0] & 0x0F) * 4;
    }

    /** The transport protocol: IPv4's protocol field, IPv6's first next-header. */
    public static int protocol(byte[] p, int len) {
        int v = version(p, len);
        if (v == 4 && len >= IPV4_MIN_HEADER) {
            return p[9] & 0xFF;
        }
        if (v == 6 && len >= IPV6_HEADER) {
            return p[6] & 0xFF;
        }
        return -1;
    }

    /** Whether an IPv4 packet carries the start of its transport header (it is not a later fragment). */
    public static boolean isFirstFragment(byte[] p) {
        return (((p[6] & 0x1F) << 8) | (p[7] & 0xFF)) == 0;
    }

    public static int source(byte[] p) {
        return readInt(p, 12);
    }

    public static int destination(byte[] p) {
        return readInt(p, 16);
    }

    /**
     * Where the payload above the IP and (for TCP and UDP) transport headers starts, or
     * {@code len} when there is none or the headers are incomplete.
     */
    public static int payloadOffset(byte[] p, int len) {
        int v = version(p, len);
        int l4;
        int proto;
        if (v == 4 && isIpv4(p, len)) {
            l4 = headerLength(p);
            if (!isFirstFragment(p)) {
                return l4;
            }
            proto = p[9] & 0xFF;
        } else if (v == 6 && len >= IPV6_HEADER) {
            l4 = IPV6_HEADER;
            proto = p[6] & 0xFF;
        } else {
            return len;
        }
        if (proto == UDP) {
            return Math.min(len, l4 + 8);
        }
        if (proto == TCP) {
            if (len < l4 + 20) {
                return len;
            }
            return Math.min(len, l4 + ((p[l4 + 12] & 0xF0) >>> 4) * 4);
        }
        return l4;
    }

    /** Whether an IPv4 packet is a TCP or UDP packet whose ports (and checksum) are all present. */
    public static boolean hasPorts(byte[] p, int len) {
        if (!isIpv4(p, len) || !isFirstFragment(p)) {
            return false;
        }
        int proto = p[9] & 0xFF;
        int l4 = headerLength(p);
        return (proto == UDP && len >= l4 + 8) || (proto == TCP && len >= l4 + 20);
    }

    public static int sourcePort(byte[] p) {
        return readShort(p, headerLength(p));
    }

    public static int destinationPort(byte[] p) {
        return readShort(p, headerLength(p) + 2);
    }

    /** Offset of the TCP or UDP checksum field. */
    private static int transportChecksumOffset(byte[] p) {
        return headerLength(p) + ((p[9] & 0xFF) == TCP ? 16 : 6);
    }

    /**
     * Keeps a UDP packet's checksum right after the byte at {@code at} (above the UDP header)
     * changed from {@code old}: the 16-bit word holding it is swapped in the checksum (RFC 1624).
     * IPv4 and IPv6 (UDP right after the fixed header); an IPv4 checksum of zero (none sent) stays
     * zero. Anything else is left alone.
     */
    public static void keepUdpChecksum(byte[] p, int len, int at, byte old) {
        int l4;
        if (isIpv4(p, len) && isFirstFragment(p) && (p[9] & 0xFF) == UDP) {
            l4 = headerLength(p);
        } else if (version(p, len) == 6 && len >= IPV6_HEADER + 8 && (p[6] & 0xFF) == UDP) {
            l4 = IPV6_HEADER;
        } else {
            return;
        }
        int csOff = l4 + 6;
        int cs = readShort(p, csOff);
        boolean v4 = version(p, len) == 4;
        if (v4 && cs == 0) {
            return;
        }
        int word = at - ((at - l4) & 1); // words count from the UDP header, which starts on an even offset
        int hi = word == at ? old & 0xFF : p[word] & 0xFF;
        int lo = word + 1 >= len ? 0 : (word + 1 == at ? old & 0xFF : p[word + 1] & 0xFF);
        int oldWord = (hi << 8) | lo;
        int newWord = ((p[word] & 0xFF) << 8) | (word + 1 >= len ? 0 : p[word + 1] & 0xFF);
        cs = InternetChecksum.adjust(cs, oldWord, newWord);
        writeShort(p, csOff, cs == 0 ? 0xFFFF : cs);
    }

    /**
     * Rewrites the source (or destination) address and port of an IPv4 TCP or UDP packet, and
     * updates the IP header checksum and the transport checksum (whose pseudo-header covers the
     * addresses) incrementally. A UDP checksum of zero (none sent) stays zero.
     */
    public static void rewrite(byte[] p, boolean source, int address, int port) {
        int addrOff = source ? 12 : 16;
        int portOff = headerLength(p) + (source ? 0 : 2);
        int oldAddr = readInt(p, addrOff);
        int oldPort = readShort(p, portOff);
        int ipSum = readShort(p, 10);
        writeShort(p, 10, InternetChecksum.adjust32(ipSum, oldAddr, address));
        writeInt(p, addrOff, address);
        writeShort(p, portOff, port);
        int csOff = transportChecksumOffset(p);
        int cs = readShort(p, csOff);
        boolean udp = (p[9] & 0xFF) == UDP;
        if (udp && cs == 0) {
            return;
        }
        cs = InternetChecksum.adjust32(cs, oldAddr, address);
        cs = InternetChecksum.adjust(cs, oldPort, port);
        if (udp && cs == 0) {
            cs = 0xFFFF;
        }
        writeShort(p, csOff, cs);
    }

    public static int readShort(byte[] p, int off) {
        return ((p[off] & 0xFF) << 8) | (p[off + 1] & 0xFF);
    }

    public static int readInt(byte[] p, int off) {
        return ((p[off] & 0xFF) << 24) | ((p[off + 1] & 0xFF) << 16) | ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF);
    }

    static void writeShort(byte[] p, int off, int v) {
        p[off] = (byte) (v >>> 8);
        p[off + 1] = (byte) v;
    }

    static void writeInt(byte[] p, int off, int v) {
        p[off] = (byte) (v >>> 24);
        p[off + 1] = (byte) (v >>> 16);
        p[off + 2] = (byte) (v >>> 8);
        p[off + 3] = (byte) v;
    }

    /** Dotted-quad form of an IPv4 address held in an int. */
    public static String format(int address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /** An IPv4 address in dotted-quad form as an int. */
    public static int parse(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int a = 0;
        for (String s : parts) {
            int b = Integer.parseInt(s);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            a = (a << 8) | b;
        }
        return a;
    }
}
