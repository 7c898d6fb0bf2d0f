package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ipv6Test {

    @TempDir
    Path www;

    private static String report(long up6, long down6, long down) {
        return "{\"to_server\":{\"received\":" + up6 + ",\"ipv6\":" + up6 + "},\"to_client\":{\"received\":" + down
                + ",\"ipv6\":" + down6 + "},\"server_address\":\"198.19.0.1\",\"server_address6\":\"2001:2:0:1::1\"}";
    }

    @Test
    void insideALabToTheServersIpv6AddressAndOnlyIpv6FromIt() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = report(12, 9, 9);
        Outcome o = e.run(new Ipv6(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(List.of("[2001:2:0:1::1]:4433"), e.targets);
        assertEquals(List.of("set rtt=30ms rate=10mbit queue=25p", "restore"), e.link.calls);
        assertTrue(o.detail().contains("the link saw 12 IPv6 packets to the server, 9 of 9 from it IPv6"), o.detail());
    }

    @Test
    void ipv4PacketsFromTheServerAreEarlierConnectionsAndNoIpv6FromItFails() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = report(12, 8, 10);
        Outcome o = e.run(new Ipv6(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().endsWith("8 of 10 from it IPv6 (the 2 IPv4 ones for earlier connections)"), o.detail());
        FakeEngine none = new FakeEngine();
        none.link = new FakeLink();
        none.link.report = report(12, 0, 9);
        assertEquals(Verdict.FAIL, none.run(new Ipv6(), www).verdict());
    }

    @Test
    void outsideALabToTheLoopbacksIpv6Address() throws Exception {
        FakeEngine e = new FakeEngine();
        Outcome o = e.run(new Ipv6(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(List.of("[::1]:4433"), e.targets);
        assertTrue(o.detail().endsWith("(outside a lab: no link saw the packets)"), o.detail());
        assertEquals("2001:db8::5", Ipv6.ipv6Of("2001:db8::5"));
        assertEquals("::1", Ipv6.ipv6Of("localhost"));
    }
}
