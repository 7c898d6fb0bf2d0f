package dev.quiver.lab.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.packet.IpPacket;
import dev.quiver.lab.packet.Packets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientNatTest {

    private static final long S = 1_000_000_000L;
    private static final int BASE = IpPacket.parse("198.18.0.0");

    @Test
    void portRebindingGivesANewPortEachPeriodAndMapsRepliesBack() {
        ClientNat nat = new ClientNat(5 * S, 0, 0, BASE, 7);
        Set<Integer> ports = new HashSet<>();
        for (long t = 0; t < 20 * S; t += S) {
            for (boolean tcp : new boolean[] {false, true}) {
                byte[] out = tcp ? Packets.tcp("198.18.0.1", 40000, "198.19.0.1", 443, new byte[100])
                        : Packets.udp("198.18.0.1", 40000, "198.19.0.1", 443, new byte[100]);
                nat.outbound(out, out.length, t);
                assertTrue(Packets.ipChecksumValid(out) && Packets.transportChecksumValid(out), "checksums after rewrite");
                assertEquals("198.18.0.1", IpPacket.format(IpPacket.source(out)));
                int port = IpPacket.sourcePort(out);
                if (t < 5 * S) {
                    assertEquals(40000, port, "no rebinding in the first period");
                }
                if (!tcp) {
                    ports.add(port);
                }
                byte[] reply = tcp ? Packets.tcp("198.19.0.1", 443, "198.18.0.1", port, new byte[50])
                        : Packets.udp("198.19.0.1", 443, "198.18.0.1", port, new byte[50]);
                nat.inbound(reply, reply.length);
                assertEquals(40000, IpPacket.destinationPort(reply), "reply mapped back to the client's port");
                assertTrue(Packets.ipChecksumValid(reply) && Packets.transportChecksumValid(reply));
            }
        }
        assertEquals(4, ports.size(), "one port per 5 s period over 20 s");
        assertEquals(6, nat.rebinds(), "3 rebinds for each of the two flows");
    }

    @Test
    void theFirstRebindingComesWhenAskedThenOneEachPeriod() {
        // The runner's rebind scenario: --first-rebind=1s --rebind-freq=5s, so new ports at 1 s, 6 s, 11 s.
        ClientNat nat = new ClientNat(5 * S, 0, S, 0, BASE, 7);
        int last = 40000;
        List<Long> changes = new java.util.ArrayList<>();
        for (long t = 0; t < 12 * S; t += S / 2) {
            byte[] out = Packets.udp("198.18.0.1", 40000, "198.19.0.1", 443, new byte[10]);
            nat.outbound(out, out.length, t);
            if (IpPacket.sourcePort(out) != last) {
                changes.add(t / (S / 2));
                last = IpPacket.sourcePort(out);
            }
        }
        assertEquals(List.of(2L, 12L, 22L), changes, "in half seconds: 1 s, 6 s, 11 s");
        assertEquals(3, nat.rebinds());
    }

    @Test
    void addressRebindingMovesTheClientWithinItsNetAndRepliesToTheOldBindingStillArrive() {
        ClientNat nat = new ClientNat(0, S, 0, BASE, 7);
        byte[] first = Packets.udp("198.18.0.1", 5000, "198.19.0.1", 443, new byte[10]);
        nat.outbound(first, first.length, 1_500_000_000L);
        String moved = IpPacket.format(IpPacket.source(first));
        assertEquals("198.18.0.2", moved);
        assertEquals(5000, IpPacket.sourcePort(first), "only the address changes");
        assertTrue(Packets.ipChecksumValid(first) && Packets.transportChecksumValid(first));
        byte[] second = Packets.udp("198.18.0.1", 5000, "198.19.0.1", 443, new byte[10]);
        nat.outbound(second, second.length, 2_500_000_000L);
        assertEquals("198.18.0.3", IpPacket.format(IpPacket.source(second)));
        byte[] late = Packets.udp("198.19.0.1", 443, "198.18.0.2", 5000, new byte[10]);
        nat.inbound(late, late.length);
        assertEquals("198.18.0.1", IpPacket.format(IpPacket.destination(late)), "the replaced binding still maps back");
    }

    @Test
    void aZeroUdpChecksumStaysZero() {
        ClientNat nat = new ClientNat(S, 0, 0, BASE, 1);
        byte[] p = Packets.udp("198.18.0.1", 5000, "198.19.0.1", 443, new byte[10]);
        p[26] = 0;
        p[27] = 0;
        nat.outbound(p, p.length, 3 * S);
        assertNotEquals(5000, IpPacket.sourcePort(p));
        assertEquals(0, IpPacket.readShort(p, 26));
        assertTrue(Packets.ipChecksumValid(p));
    }

    @Test
    void tablesStayBoundedWhateverTheNumberOfFlows() {
        ClientNat nat = new ClientNat(S, 0, 0, BASE, 1);
        for (int i = 0; i < 3 * ClientNat.MAX_FLOWS; i++) {
            byte[] p = Packets.udp("198.18.0.1", 1024 + i, "198.19.0.1", 443, new byte[1]);
            nat.outbound(p, p.length, 2 * S);
        }
        // the oldest flows were forgotten: their replies are no longer mapped
        byte[] p = Packets.udp("198.18.0.1", 1024, "198.19.0.1", 443, new byte[1]);
        nat.outbound(p, p.length, 2 * S);
        assertEquals(3L * ClientNat.MAX_FLOWS + 1, nat.rebinds(), "a forgotten flow gets a new binding");
    }

    @Test
    void packetsWithoutPortsPassUnchanged() {
        ClientNat nat = new ClientNat(S, S, 0, BASE, 1);
        byte[] icmp = Packets.udp("198.18.0.1", 1, "198.19.0.1", 2, new byte[8]);
        icmp[9] = 1;
        byte[] before = icmp.clone();
        nat.outbound(icmp, icmp.length, 5 * S);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(icmp));
    }
}
