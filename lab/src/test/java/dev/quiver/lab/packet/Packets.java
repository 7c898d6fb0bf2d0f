package dev.quiver.lab.packet;

import java.io.ByteArrayOutputStream;

/** Builds real IPv4 UDP and TCP packets with correct checksums, and QUIC long-header packets, for tests. */
public final class Packets {

    private Packets() {
    }

    public static byte[] udp(String src, int srcPort, String dst, int dstPort, byte[] payload) {
        byte[] p = new byte[20 + 8 + payload.length];
        ipHeader(p, IpPacket.UDP, src, dst);
        IpPacket.writeShort(p, 20, srcPort);
        IpPacket.writeShort(p, 22, dstPort);
        IpPacket.writeShort(p, 24, 8 + payload.length);
        System.arraycopy(payload, 0, p, 28, payload.length);
        IpPacket.writeShort(p, 26, transportChecksum(p));
        if (IpPacket.readShort(p, 26) == 0) {
            IpPacket.writeShort(p, 26, 0xFFFF);
        }
        return p;
    }

    public static byte[] tcp(String src, int srcPort, String dst, int dstPort, byte[] payload) {
        byte[] p = new byte[20 + 20 + payload.length];
        ipHeader(p, IpPacket.TCP, src, dst);
        IpPacket.writeShort(p, 20, srcPort);
        IpPacket.writeShort(p, 22, dstPort);
        IpPacket.writeInt(p, 24, 12345);
        p[32] = (byte) (5 << 4);
        p[33] = 0x18;
        IpPacket.writeShort(p, 34, 65535);
        System.arraycopy(payload, 0, p, 40, payload.length);
        IpPacket.writeShort(p, 36, transportChecksum(p));
        return p;
    }

    private static void ipHeader(byte[] p, int proto, String src, String dst) {
        p[0] = 0x45;
        IpPacket.writeShort(p, 2, p.length);
        IpPacket.writeShort(p, 4, 0x1234);
        p[6] = 0x40; // DF
        p[8] = 64;
        p[9] = (byte) proto;
        IpPacket.writeInt(p, 12, IpPacket.parse(src));
        IpPacket.writeInt(p, 16, IpPacket.parse(dst));
        IpPacket.writeShort(p, 10, InternetChecksum.of(p, 0, 20, 0));
    }

    /** The transport checksum over the pseudo-header and segment, with the checksum field counted as zero. */
    public static int transportChecksum(byte[] p) {
        int ihl = IpPacket.headerLength(p);
        int proto = p[9] & 0xFF;
        int csOff = ihl + (proto == IpPacket.TCP ? 16 : 6);
        byte[] copy = p.clone();
        copy[csOff] = 0;
        copy[csOff + 1] = 0;
        int len = p.length - ihl;
        int pseudo = InternetChecksum.sum(copy, 12, 8, 0);
        pseudo = InternetChecksum.sum(new byte[] {0, (byte) proto, (byte) (len >>> 8), (byte) len}, 0, 4, pseudo);
        return InternetChecksum.of(copy, ihl, len, pseudo);
    }

    /** Whether the IP header checksum verifies. */
    public static boolean ipChecksumValid(byte[] p) {
        return InternetChecksum.of(p, 0, IpPacket.headerLength(p), 0) == 0;
    }

    /** Whether the TCP/UDP checksum verifies (a UDP checksum of 0 means none and verifies). */
    public static boolean transportChecksumValid(byte[] p) {
        int ihl = IpPacket.headerLength(p);
        int proto = p[9] & 0xFF;
        int stored = IpPacket.readShort(p, ihl + (proto == IpPacket.TCP ? 16 : 6));
        if (proto == IpPacket.UDP && stored == 0) {
            return true;
        }
        int computed = transportChecksum(p);
        return stored == computed || (proto == IpPacket.UDP && computed == 0 && stored == 0xFFFF);
    }

    /**
     * A long-header packet: first byte with {@code typeBits}, version, 8-byte connection IDs, an
     * empty token for an Initial, a 2-byte Length and that many bytes of "protected" payload.
     */
    public static byte[] quicLong(int version, int typeBits, boolean initial, int payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xC0 | (typeBits << 4) | 0x01);
        b.write(version >>> 24);
        b.write(version >>> 16);
        b.write(version >>> 8);
        b.write(version);
        for (int cid = 0; cid < 2; cid++) {
            b.write(8);
            b.writeBytes(new byte[8]);
        }
        if (initial) {
            b.write(0);
        }
        b.write(0x40 | (payload >>> 8));
        b.write(payload & 0xFF);
        b.writeBytes(new byte[payload]);
        return b.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
