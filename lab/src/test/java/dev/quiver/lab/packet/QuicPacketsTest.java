package dev.quiver.lab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.lab.packet.QuicPackets.Type;
import org.junit.jupiter.api.Test;

class QuicPacketsTest {

    static final int V1 = 1;

    private static Type first(byte[] payload) {
        return QuicPackets.firstType(payload, 0, payload.length);
    }

    @Test
    void v1AndV2NumberTheTypesDifferently() {
        assertEquals(Type.INITIAL, first(Packets.quicLong(V1, 0, true, 10)));
        assertEquals(Type.ZERO_RTT, first(Packets.quicLong(V1, 1, false, 10)));
        assertEquals(Type.HANDSHAKE, first(Packets.quicLong(V1, 2, false, 10)));
        assertEquals(Type.RETRY, first(Packets.quicLong(V1, 3, false, 10)));
        assertEquals(Type.RETRY, first(Packets.quicLong(QuicPackets.V2, 0, false, 10)));
        assertEquals(Type.INITIAL, first(Packets.quicLong(QuicPackets.V2, 1, true, 10)));
        assertEquals(Type.ZERO_RTT, first(Packets.quicLong(QuicPackets.V2, 2, false, 10)));
        assertEquals(Type.HANDSHAKE, first(Packets.quicLong(QuicPackets.V2, 3, false, 10)));
        assertEquals(Type.VERSION_NEGOTIATION, first(Packets.quicLong(0, 0, false, 10)));
        assertEquals(Type.SHORT, first(new byte[] {0x41, 1, 2, 3}));
        assertEquals(Type.NONE, first(new byte[0]));
        assertEquals(Type.NONE, first(new byte[] {(byte) 0xC0, 0, 0}));
    }

    @Test
    void handshakeBytesCountTheHandshakePacketsCoalescedAfterAnInitial() {
        byte[] initial = Packets.quicLong(V1, 0, true, 100);
        byte[] handshake = Packets.quicLong(V1, 2, false, 1000);
        byte[] datagram = Packets.concat(initial, handshake, handshake, new byte[] {0x41, 9, 9});
        assertEquals(2 * handshake.length, QuicPackets.handshakeBytes(datagram, 0, datagram.length));
        byte[] v2 = Packets.concat(Packets.quicLong(QuicPackets.V2, 1, true, 50), Packets.quicLong(QuicPackets.V2, 3, false, 300));
        assertEquals(300 + 2 + 5 + 18, QuicPackets.handshakeBytes(v2, 0, v2.length));
        assertEquals(0, QuicPackets.handshakeBytes(initial, 0, initial.length));
        byte[] cut = java.util.Arrays.copyOf(datagram, initial.length + 20);
        assertEquals(0, QuicPackets.handshakeBytes(cut, 0, cut.length), "a packet that does not fit is not counted");
    }
}
