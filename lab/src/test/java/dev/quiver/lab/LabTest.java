package dev.quiver.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.control.ControlClient;
import dev.quiver.lab.link.LinkFlags;
import dev.quiver.lab.link.LinkSpec;
import dev.quiver.lab.netns.IpTool;
import dev.quiver.lab.netns.NetworkNamespace;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Set-up, isolation and tear-down of a real lab (root, /dev/net/tun, ip). */
@Timeout(60)
class LabTest {

    @BeforeEach
    void root() {
        RootOnly.assume();
    }

    @Test
    void setUpBuildsTwoNamespacesJoinedByTheLinkAndTearDownLeavesNothing() throws Exception {
        String rootTunsBefore = LabSystem.rootTunDevices();
        LabNames names;
        try (Lab lab = Lab.start(LinkSpec.perfect(1))) {
            names = lab.names();
            assertTrue(LabSystem.namespaces().containsAll(List.of(names.namespace(Side.CLIENT), names.namespace(Side.SERVER))));
            assertEquals(rootTunsBefore, LabSystem.rootTunDevices(), "no device in the root namespace");
            assertTrue(lab.namespace(Side.CLIENT).ip("-o", "link", "show", "type", "tun").contains("qlab"));
            assertTrue(lab.namespace(Side.SERVER).ip("-o", "addr", "show", "dev", "qlab").contains("198.19.0.1/32"));
            assertTrue(lab.namespace(Side.CLIENT).ip("-o", "link", "show", "dev", "qlab").contains("mtu 1500"));
            try (ServerSocket server = lab.thread(Side.SERVER).call(() -> new ServerSocket(8080, 10, InetAddress.getByName(Lab.SERVER_ADDRESS)));
                 Socket client = lab.thread(Side.CLIENT).call(() -> new Socket(Lab.SERVER_ADDRESS, 8080));
                 Socket accepted = server.accept()) {
                client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals('p', accepted.getInputStream().read());
                assertEquals("/" + Lab.CLIENT_ADDRESS, accepted.getInetAddress().toString());
            }
            String report = ControlClient.link(lab.controlSocket());
            assertTrue(report.contains("\"to_server\":{\"received\":"), report);
            assertEquals(2, report.split("\"dropped_device\":0}", -1).length - 1, "no packet dropped before the link: " + report);
            assertTrue(lab.link().toServer().get(dev.quiver.lab.impair.Counter.FORWARDED) >= 3, "the handshake went through the link");
        }
        assertFalse(LabSystem.anyOf(names), "namespaces and directory gone");
        assertEquals(rootTunsBefore, LabSystem.rootTunDevices());
    }

    @Test
    void neitherSideHasADefaultRouteAndNothingOutsideTheLabIsReachable() throws Exception {
        try (Lab lab = Lab.start(LinkSpec.perfect(1))) {
            for (Side side : Side.values()) {
                NetworkNamespace ns = lab.namespace(side);
                assertEquals("", ns.ip("route", "show", "default").strip(), side + ": no default route");
                assertEquals("", ns.ip("-6", "route", "show", "default").strip(), side + ": no default IPv6 route");
                // Loopback, the side's own IPv6 address and the other side's /64 through the link: nothing else.
                List<String> routes6 = ns.ip("-6", "route", "show").strip().lines().map(l -> l.split(" ")[0]).sorted().toList();
                assertEquals(side == Side.CLIENT ? List.of("2001:2:0:1::/64", "2001:2::1", "::1") : List.of("2001:2:0:1::1", "2001:2::/64", "::1"),
                        routes6, side + ": the lab's IPv6 routes only");
                String routes = ns.ip("route", "show").strip();
                assertEquals(side == Side.CLIENT ? "198.19.0.0/16 dev qlab scope link" : "198.18.0.0/16 dev qlab scope link", routes);
                // documentation addresses (never routed anywhere) and the first address after the lab's /15
                // and IPv6: a documentation address, and one of the benchmarking range outside the lab's two /64s
                for (String outside : List.of("192.0.2.1", "198.51.100.1", "203.0.113.1", "198.20.0.1", "2001:db8::1", "2001:2:0:2::1")) {
                    SocketException tcp = assertThrows(SocketException.class,
                            () -> lab.thread(side).call(() -> new Socket(outside, 80)), outside);
                    assertTrue(tcp.getMessage().contains("unreachable"), side + " -> " + outside + ": " + tcp.getMessage());
                    IOException udp = assertThrows(IOException.class, () -> lab.thread(side).call(() -> {
                        try (DatagramSocket s = new DatagramSocket()) {
                            s.send(new DatagramPacket(new byte[1], 1, new InetSocketAddress(outside, 53)));
                        }
                        return null;
                    }));
                    assertTrue(udp.getMessage().contains("unreachable"), side + " -> " + outside + " (udp): " + udp.getMessage());
                }
            }
            assertEquals(0, lab.link().toServer().get(dev.quiver.lab.impair.Counter.RECEIVED), "nothing for outside reached the link");
        }
    }

    @Test
    void aSetUpThatFailsHalfWayRemovesWhatItBuilt() throws Exception {
        LabNames upcoming = LabNames.upcoming();
        IpTool ip = IpTool.find();
        // stand in the way of the server namespace, which is made after the directory and the client namespace
        NetworkNamespace blocker = NetworkNamespace.add(ip, upcoming.namespace(Side.SERVER));
        try {
            IOException e = assertThrows(IOException.class, () -> Lab.start(LinkSpec.perfect(1)));
            assertTrue(e.getMessage().contains("netns add " + upcoming.namespace(Side.SERVER)), e.getMessage());
            assertFalse(LabSystem.namespaces().contains(upcoming.namespace(Side.CLIENT)), "the client namespace is gone again");
            assertFalse(Files.exists(upcoming.directory()), "the directory is gone again");
        } finally {
            blocker.delete();
        }
    }

    @Test
    void theMtuIsTheOneAskedFor() throws Exception {
        try (Lab lab = Lab.start(new LinkFlags().build(1, 1280))) {
            assertTrue(lab.namespace(Side.SERVER).ip("-o", "link", "show", "dev", "qlab").contains("mtu 1280"));
        }
    }

    @Test
    void theLabStopsTheProcessesItStartedAndWhatTheyLeftInItsNamespaces() throws Exception {
        Process shell;
        long orphan;
        try (Lab lab = Lab.start(LinkSpec.perfect(1))) {
            // a shell that starts a background sleep of its own and then waits: a process tree in the server namespace
            shell = lab.start(Side.SERVER, List.of("sh", "-c", "sleep 600 & echo $!; wait"), 500, pb -> { });
            orphan = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine().trim());
            assertTrue(ProcessHandle.of(orphan).isPresent());
            assertEquals(List.of(shell.pid(), orphan).stream().sorted().toList(),
                    lab.namespace(Side.SERVER).pids().stream().sorted().toList());
        }
        assertTrue(shell.waitFor(1, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "its child is gone too");
    }
}
