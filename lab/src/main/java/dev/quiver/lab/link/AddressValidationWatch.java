package dev.quiver.lab.link;

import dev.quiver.lab.impair.PacketWatch;
import dev.quiver.lab.packet.IpPacket;
import dev.quiver.lab.packet.QuicPackets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a QUIC server sent before it could know the client's address was real: the QUIC interop
 * runner's amplificationlimit check, made on the link instead of a server-side capture. Seen from
 * the server: a client datagram counts when the link writes it to the server, a server datagram
 * when the server hands it to the link. The window opens with the first client datagram whose first
 * QUIC packet is an Initial, and closes with the first whose first packet is a Handshake packet (the
 * runner's classification; RFC 9000 8.1: a Handshake packet validates the client's address). Inside
 * it, the UDP payload bytes of the client's Initial datagrams (its allowance, times three) and of
 * everything the server sent. Also, from the window's opening on, the bytes of every Handshake
 * packet the server sent, coalesced ones included: how large its Handshake flight was, with
 * retransmissions (the runner reads the CRYPTO frames' offsets, which needs the keys). And, as the
 * runner checks the limit at every server datagram, the counts at the datagram where the server was
 * furthest ahead of its allowance (its bytes so far over the client's Initial bytes so far).
 *
 * <p>One window per link run (a restart makes a new watch): it describes the run's first handshake,
 * the flow of the client's first Initial datagram (its UDP port): the last packets of earlier
 * connections, still on the link when it restarted, neither open the window nor count in it.
 * Written by the two pump threads, read by the report.
 */
final class AddressValidationWatch {

    private volatile boolean opened;
    /** The client's UDP port of the watched handshake, once the window opened. */
    private volatile int clientPort = -1;
    private volatile boolean validated;
    private final AtomicLong clientInitialDatagrams = new AtomicLong();
    private final AtomicLong clientInitialBytes = new AtomicLong();
    private final AtomicLong serverDatagrams = new AtomicLong();
    private final AtomicLong serverBytes = new AtomicLong();
    private final AtomicLong serverHandshakeBytes = new AtomicLong();
    /** At the server datagram with the highest ratio so far: the server's bytes and the client's; guarded by this. */
    private long worstServerBytes;
    private long worstClientBytes;

    /** The watch on the client's packets (client to server): each as the server gets it. */
    PacketWatch fromClient() {
        return new PacketWatch() {
            @Override
            public void delivered(byte[] packet, int len) {
                clientDatagram(packet, len);
            }
        };
    }

    /** The watch on the server's packets (server to client): each as the server sends it. */
    PacketWatch fromServer() {
        return new PacketWatch() {
            @Override
            public void entered(byte[] packet, int len) {
                serverDatagram(packet, len);
            }
        };
    }

    void clientDatagram(byte[] p, int len) {
        if (validated || IpPacket.protocol(p, len) != IpPacket.UDP) {
            return;
        }
        int from = IpPacket.payloadOffset(p, len);
        int port = udpPort(p, from, 0);
        if (opened && port != clientPort) {
            return;
        }
        QuicPackets.Type t = QuicPackets.firstType(p, from, len);
        if (t == QuicPackets.Type.INITIAL) {
            clientPort = port;
            opened = true;
            clientInitialDatagrams.incrementAndGet();
            clientInitialBytes.addAndGet(len - from);
        } else if (t == QuicPackets.Type.HANDSHAKE && opened) {
            validated = true;
        }
    }

    void serverDatagram(byte[] p, int len) {
        if (!opened || IpPacket.protocol(p, len) != IpPacket.UDP) {
            return;
        }
        int from = IpPacket.payloadOffset(p, len);
        if (udpPort(p, from, 2) != clientPort) {
            return;
        }
        serverHandshakeBytes.addAndGet(QuicPackets.handshakeBytes(p, from, len));
        if (!validated) {
            serverDatagrams.incrementAndGet();
            long server = serverBytes.addAndGet(len - from);
            worst(server, clientInitialBytes.get());
        }
    }

    /** The source ({@code at} 0) or destination (2) port of a UDP datagram whose payload starts at {@code from}, or -1. */
    private static int udpPort(byte[] p, int from, int at) {
        return from < 8 ? -1 : IpPacket.readShort(p, from - 8 + at);
    }

    /** Only while the window is open: a handful of datagrams per connection. */
    private synchronized void worst(long server, long client) {
        // server / client > worstServer / worstClient, without division (client > 0: the window is open)
        if (worstClientBytes == 0 || server * worstClientBytes > worstServerBytes * client) {
            worstServerBytes = server;
            worstClientBytes = client;
        }
    }

    /** The report's {@code address_validation} object. */
    synchronized Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validated", validated);
        m.put("client_initial_datagrams", clientInitialDatagrams.get());
        m.put("client_initial_bytes", clientInitialBytes.get());
        m.put("server_datagrams", serverDatagrams.get());
        m.put("server_bytes", serverBytes.get());
        m.put("worst_server_bytes", worstServerBytes);
        m.put("worst_client_initial_bytes", worstClientBytes);
        m.put("server_handshake_bytes", serverHandshakeBytes.get());
        return m;
    }
}
