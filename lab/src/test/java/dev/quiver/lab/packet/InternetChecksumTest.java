package dev.quiver.lab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {

    @Test
    void incrementalUpdateEqualsRecomputation() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] data = new byte[2 + 2 * r.nextInt(40)];
            r.nextBytes(data);
            int before = InternetChecksum.of(data, 0, data.length, 0);
            int at = 2 * r.nextInt(data.length / 2);
            int oldWord = IpPacket.readShort(data, at);
            int newWord = r.nextInt(0x10000);
            IpPacket.writeShort(data, at, newWord);
            int expected = InternetChecksum.of(data, 0, data.length, 0);
            int adjusted = InternetChecksum.adjust(before, oldWord, newWord);
            // 0x0000 and 0xFFFF are the same value in ones' complement
            assertEquals(expected % 0xFFFF, adjusted % 0xFFFF, "word " + at);
        }
    }

    @Test
    void builtPacketsVerify() {
        byte[] u = Packets.udp("198.18.0.1", 40000, "198.19.0.1", 443, "hello".getBytes());
        byte[] t = Packets.tcp("198.18.0.1", 40000, "198.19.0.1", 443, "hello".getBytes());
        assertTrue(Packets.ipChecksumValid(u) && Packets.transportChecksumValid(u));
        assertTrue(Packets.ipChecksumValid(t) && Packets.transportChecksumValid(t));
        assertEquals(28, IpPacket.payloadOffset(u, u.length));
        assertEquals(40, IpPacket.payloadOffset(t, t.length));
    }
}
