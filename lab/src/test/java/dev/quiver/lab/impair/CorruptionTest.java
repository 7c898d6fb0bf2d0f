package dev.quiver.lab.impair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.packet.Packets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Where a corrupted packet is hit: as the QUIC interop runner's simulator hits UDP, anywhere for TCP. */
class CorruptionTest {

    private static int changedByte(byte[] before, byte[] after, int skipFrom, int skipTo) {
        int at = -1;
        for (int k = 0; k < before.length; k++) {
            if (before[k] != after[k] && (k < skipFrom || k >= skipTo)) {
                at = k;
            }
        }
        return at;
    }

    @Test
    void udpIsHitInTheFirstFiftyBytesOfItsPayload() {
        Corruption always = new Corruption(1, new SplittableRandom(3));
        int highest = 0;
        for (int i = 0; i < 500; i++) {
            byte[] p = Packets.udp("198.18.0.1", 40000, "198.19.0.1", 443, new byte[1200]);
            byte[] before = p.clone();
            assertTrue(always.apply(p, p.length));
            int at = changedByte(before, p, 26, 28); // the checksum, kept valid, aside
            assertTrue(at >= 28 && at < 28 + Corruption.UDP_HEAD, "byte " + at);
            highest = Math.max(highest, at);
        }
        assertTrue(highest >= 28 + Corruption.UDP_HEAD - 5, "the whole head is hit, up to " + highest);
    }

    @Test
    void aVersionNegotiationPacketIsNeverHit() {
        byte[] vn = new byte[40];
        vn[0] = (byte) 0x80; // long header, version 0 in bytes 1-4
        vn[5] = 8;
        Corruption always = new Corruption(1, new SplittableRandom(3));
        byte[] p = Packets.udp("198.19.0.1", 443, "198.18.0.1", 40000, vn);
        byte[] before = p.clone();
        assertFalse(always.apply(p, p.length));
        assertArrayEquals(before, p);
    }

    @Test
    void tcpIsHitAnywhereInItsPayload() {
        Corruption always = new Corruption(1, new SplittableRandom(3));
        int highest = 0;
        for (int i = 0; i < 200; i++) {
            byte[] p = Packets.tcp("198.18.0.1", 40000, "198.19.0.1", 443, new byte[1200]);
            byte[] before = p.clone();
            assertTrue(always.apply(p, p.length));
            int at = changedByte(before, p, 0, 0);
            assertTrue(at >= 40, "byte " + at);
            highest = Math.max(highest, at);
        }
        assertTrue(highest > 40 + Corruption.UDP_HEAD, "beyond the first bytes: " + highest);
    }
}
