package dev.quiver.lab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.impair.Corruption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A corrupted UDP packet keeps a valid checksum, so it reaches QUIC (whose packet protection must
 * drop it) instead of dying in the receiving kernel; a corrupted TCP segment does not.
 */
class UdpChecksumKeptTest {

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    void everyPayloadByteOfAnOddLengthIpv4PacketCanChange() {
        byte[] original = Packets.udp("198.18.0.1", 40000, "198.18.0.2", 443, payload(33));
        for (int at = 28; at < original.length; at++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] p = original.clone();
                byte old = p[at];
                p[at] ^= (byte) flip;
                IpPacket.keepUdpChecksum(p, p.length, at, old);
                assertTrue(Packets.transportChecksumValid(p), "byte " + at + " ^ " + flip);
                assertTrue(Packets.ipChecksumValid(p));
            }
        }
    }

    @Test
    void anIpv4PacketSentWithoutChecksumStaysWithout() {
        byte[] p = Packets.udp("198.18.0.1", 40000, "198.18.0.2", 443, payload(10));
        IpPacket.writeShort(p, 26, 0);
        byte old = p[30];
        p[30] ^= 0x10;
        IpPacket.keepUdpChecksum(p, p.length, 30, old);
        assertEquals(0, IpPacket.readShort(p, 26));
    }

    @Test
    void anIpv6PacketKeepsItsChecksum() {
        byte[] data = payload(21);
        byte[] p = ipv6Udp(data);
        assertEquals(0xFFFF, ipv6Sum(p), "built valid");
        for (int at = 48; at < p.length; at++) {
            byte[] q = p.clone();
            byte old = q[at];
            q[at] ^= 0x5A;
            IpPacket.keepUdpChecksum(q, q.length, at, old);
            assertEquals(0xFFFF, ipv6Sum(q), "byte " + at);
        }
    }

    @Test
    void corruptionKeepsUdpValidAndLeavesTcpWrong() {
        Corruption always = new Corruption(1, new SplittableRandom(7));
        for (int i = 0; i < 200; i++) {
            byte[] udp = Packets.udp("198.18.0.1", 40000, "198.18.0.2", 443, payload(1 + i % 60));
            byte[] before = udp.clone();
            assertTrue(always.apply(udp, udp.length));
            assertFalse(java.util.Arrays.equals(before, udp));
            assertTrue(Packets.transportChecksumValid(udp), "UDP packet " + i);
            byte[] tcp = Packets.tcp("198.18.0.1", 40000, "198.18.0.2", 443, payload(1 + i % 60));
            assertTrue(always.apply(tcp, tcp.length));
            assertFalse(Packets.transportChecksumValid(tcp), "TCP segment " + i);
        }
    }

    /** An IPv6 UDP packet, 2001:2::1 to 2001:2:0:1::1, with its checksum over the IPv6 pseudo-header. */
    private static byte[] ipv6Udp(byte[] data) {
        byte[] p = new byte[40 + 8 + data.length];
        p[0] = 0x60;
        IpPacket.writeShort(p, 4, 8 + data.length);
        p[6] = (byte) IpPacket.UDP;
        p[7] = 64;
        p[8] = 0x20;
        p[9] = 0x01;
        p[11] = 0x02;
        p[23] = 0x01;
        p[24] = 0x20;
        p[25] = 0x01;
        p[27] = 0x02;
        p[31] = 0x01;
        p[39] = 0x01;
        IpPacket.writeShort(p, 40, 40000);
        IpPacket.writeShort(p, 42, 443);
        IpPacket.writeShort(p, 44, 8 + data.length);
        System.arraycopy(data, 0, p, 48, data.length);
        int cs = ~ipv6Sum(p) & 0xFFFF;
        IpPacket.writeShort(p, 46, cs == 0 ? 0xFFFF : cs);
        return p;
    }

    /** The ones'-complement sum over the IPv6 pseudo-header and the UDP datagram: 0xFFFF when the checksum verifies. */
    private static int ipv6Sum(byte[] p) {
        int udpLen = p.length - 40;
        int s = InternetChecksum.sum(p, 8, 32, 0);
        s = InternetChecksum.sum(new byte[] {0, 0, (byte) (udpLen >>> 8), (byte) udpLen, 0, 0, 0, (byte) IpPacket.UDP}, 0, 8, s);
        return InternetChecksum.sum(p, 40, udpLen, s);
    }
}
