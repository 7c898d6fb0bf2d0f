package dev.quiver.lab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.lab.packet.Packets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressValidationWatchTest {

    private static byte[] fromClient(byte[] quic) {
        return Packets.udp("198.18.0.1", 40000, "198.19.0.1", 443, quic);
    }

    private static byte[] fromServer(byte[] quic) {
        return Packets.udp("198.19.0.1", 443, "198.18.0.1", 40000, quic);
    }

    private static byte[] initial(int payload) {
        return Packets.quicLong(1, 0, true, payload);
    }

    private static byte[] handshake(int payload) {
        return Packets.quicLong(1, 2, false, payload);
    }

    @Test
    void theWindowRunsFromTheClientsFirstInitialToItsFirstHandshakeDatagram() {
        AddressValidationWatch w = new AddressValidationWatch();
        byte[] before = fromServer(new byte[] {0x41, 1, 2, 3});
        w.serverDatagram(before, before.length); // a short-header leftover of an earlier connection: not in the window
        byte[] ch = fromClient(initial(1200 - 26)); // 26 bytes of header
        assertEquals(1200, ch.length - 28);
        w.clientDatagram(ch, ch.length);
        // The server's first flight: an Initial with a Handshake packet coalesced, then Handshake packets.
        byte[] flight1 = fromServer(Packets.concat(initial(100), handshake(1000)));
        byte[] flight2 = fromServer(handshake(1200));
        w.serverDatagram(flight1, flight1.length);
        w.serverDatagram(flight2, flight2.length);
        byte[] ack = fromClient(Packets.concat(initial(1177), handshake(20)));
        w.clientDatagram(ack, ack.length); // first packet an Initial: still unvalidated, as the runner counts it
        byte[] finished = fromClient(handshake(60));
        w.clientDatagram(finished, finished.length);
        byte[] after = fromServer(handshake(1300));
        w.serverDatagram(after, after.length);
        w.clientDatagram(ch, ch.length); // after validation nothing more is counted for the client
        Map<String, Object> r = w.report();
        assertEquals(true, r.get("validated"));
        assertEquals(2L, r.get("client_initial_datagrams"));
        assertEquals((long) (ch.length - 28 + ack.length - 28), r.get("client_initial_bytes"));
        assertEquals(2L, r.get("server_datagrams"));
        assertEquals((long) (flight1.length - 28 + flight2.length - 28), r.get("server_bytes"));
        // The server was furthest ahead after its second datagram, before the client's second Initial.
        assertEquals(r.get("server_bytes"), r.get("worst_server_bytes"));
        assertEquals((long) (ch.length - 28), r.get("worst_client_initial_bytes"));
        assertEquals((long) (handshake(1000).length + handshake(1200).length + handshake(1300).length), r.get("server_handshake_bytes"),
                "every Handshake packet of the server, after validation too");
    }

    @Test
    void withoutAClientHandshakeTheWindowStaysOpen() {
        AddressValidationWatch w = new AddressValidationWatch();
        byte[] ch = fromClient(initial(1200));
        w.clientDatagram(ch, ch.length);
        byte[] s = fromServer(handshake(1000));
        w.serverDatagram(s, s.length);
        assertEquals(false, w.report().get("validated"));
        assertEquals((long) (s.length - 28), w.report().get("server_bytes"));
    }

    @Test
    void packetsOfAnEarlierConnectionStillOnTheLinkDoNotCount() {
        AddressValidationWatch w = new AddressValidationWatch();
        byte[] ch = fromClient(initial(1200));
        w.clientDatagram(ch, ch.length);
        // An earlier connection of the client (another port): its late Initial and the server's answers to it.
        byte[] oldClient = Packets.udp("198.18.0.1", 39999, "198.19.0.1", 443, initial(1200));
        byte[] oldServer = Packets.udp("198.19.0.1", 443, "198.18.0.1", 39999, handshake(1200));
        w.clientDatagram(oldClient, oldClient.length);
        w.serverDatagram(oldServer, oldServer.length);
        byte[] s = fromServer(handshake(1000));
        w.serverDatagram(s, s.length);
        byte[] oldHandshake = Packets.udp("198.18.0.1", 39999, "198.19.0.1", 443, handshake(60));
        w.clientDatagram(oldHandshake, oldHandshake.length);
        Map<String, Object> r = w.report();
        assertEquals(false, r.get("validated"), "another connection's Handshake packet validates nothing here");
        assertEquals(1L, r.get("client_initial_datagrams"));
        assertEquals(1L, r.get("server_datagrams"));
        assertEquals((long) (s.length - 28), r.get("server_bytes"));
        assertEquals((long) handshake(1000).length, r.get("server_handshake_bytes"));
    }
}
