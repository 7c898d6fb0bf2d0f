package dev.quiver.lab.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.LabNames;
import dev.quiver.lab.RootOnly;
import dev.quiver.lab.Side;
import dev.quiver.lab.netns.IpTool;
import dev.quiver.lab.netns.NamespaceThread;
import dev.quiver.lab.netns.NetworkNamespace;
import dev.quiver.lab.packet.IpPacket;
import dev.quiver.lab.packet.Packets;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TUN device in a namespace of its own: IP packets in and out. */
class TunDeviceTest {

    private IpTool ip;
    private NetworkNamespace ns;
    private NamespaceThread thread;

    @BeforeEach
    void namespace() throws IOException {
        RootOnly.assume();
        ip = IpTool.find();
        ns = NetworkNamespace.add(ip, LabNames.next().namespace(Side.CLIENT));
        thread = NamespaceThread.enter(ns);
        thread.quietIpv6();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (thread != null) {
            thread.close();
        }
        if (ns != null) {
            ns.delete();
        }
    }

    private TunDevice upDevice() throws IOException {
        TunDevice tun = thread.call(() -> TunDevice.open("qtest"));
        ns.ip("link", "set", "qtest", "up");
        ns.ip("addr", "add", "198.18.0.1/32", "dev", "qtest");
        ns.ip("route", "add", "198.19.0.0/16", "dev", "qtest");
        return tun;
    }

    @Test
    void packetsSentInTheNamespaceAreReadAndPacketsWrittenAreDelivered() throws Exception {
        try (TunDevice tun = upDevice()) {
            assertEquals("", ip.run("-o", "link", "show", "type", "tun").strip(), "the device is not in the root namespace");
            DatagramSocket socket = thread.call(() -> new DatagramSocket(new InetSocketAddress("198.18.0.1", 0)));
            try (socket) {
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(hello, hello.length, InetAddress.getByName("198.19.0.1"), 9));
                byte[] buf = new byte[TunDevice.MAX_PACKET];
                assertTrue(tun.awaitReadable(2_000_000_000L), "the datagram comes out of the device");
                int n = tun.read(buf);
                assertEquals(28 + 5, n);
                assertEquals(4, IpPacket.version(buf, n));
                assertEquals(IpPacket.UDP, IpPacket.protocol(buf, n));
                assertEquals("198.19.0.1", IpPacket.format(IpPacket.destination(buf)));
                assertEquals(9, IpPacket.destinationPort(buf));

                byte[] reply = Packets.udp("198.19.0.1", 9, "198.18.0.1", socket.getLocalPort(), "world".getBytes(StandardCharsets.US_ASCII));
                tun.write(reply, 0, reply.length);
                DatagramPacket got = new DatagramPacket(new byte[100], 100);
                socket.setSoTimeout(2000);
                socket.receive(got);
                assertArrayEquals("world".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(got.getData(), got.getLength()));
                assertEquals(0, tun.read(buf), "nothing more waiting: read does not block");
            }
        }
    }

    @Test
    void writingBeforeTheInterfaceIsUpFailsAndAClosedDeviceSaysSo() throws Exception {
        TunDevice tun = thread.call(() -> TunDevice.open("qtest"));
        byte[] p = Packets.udp("198.19.0.1", 9, "198.18.0.1", 9, new byte[4]);
        IOException down = assertThrows(IOException.class, () -> tun.write(p, 0, p.length));
        assertTrue(down.getMessage().contains("Input/output error"), down.getMessage());
        tun.close();
        assertThrows(TunClosedException.class, () -> tun.read(new byte[100]));
        assertFalse(ns.ip("-o", "link", "show").contains("qtest"), "closing the descriptor removes the device");
    }

    @Test
    void aNameTooLongIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TunDevice.open("a-name-far-too-long"));
    }
}
