package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmplificationLimitTest {

    @TempDir
    Path www;

    /** The lab's report as it writes it: the parameters (without counters), the counters, the window. */
    private static String report(boolean validated, long clientInitial, long server, long worstServer, long worstClient, long handshake) {
        return "{\"params\":{\"to_server\":{\"drop\":\"2-7\"},\"to_client\":{\"drop\":null}},"
                + "\"to_server\":{\"received\":15,\"forwarded\":9,\"dropped_list\":6},\"to_client\":{\"received\":11,\"forwarded\":11},"
                + "\"nat_rebinds\":null,\"address_validation\":{\"validated\":" + validated + ",\"client_initial_datagrams\":1,"
                + "\"client_initial_bytes\":" + clientInitial + ",\"server_datagrams\":3,\"server_bytes\":" + server
                + ",\"worst_server_bytes\":" + worstServer + ",\"worst_client_initial_bytes\":" + worstClient
                + ",\"server_handshake_bytes\":" + handshake + "}}";
    }

    private Outcome run(String report) throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = report;
        Outcome o = e.run(new AmplificationLimit(), www);
        assertEquals(List.of("set rtt=30ms rate=10mbit queue=25p", "set rtt=30ms rate=10mbit queue=25p drop-up=2-7", "restore"),
                e.link.calls, "the runner's link, and once it is quiet its drops");
        return o;
    }

    @Test
    void aServerThatStopsAtThreeTimesPasses() throws Exception {
        Outcome o = run(report(true, 1200, 3600, 3600, 1200, 9228));
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("client packets 2-7 dropped (6 dropped); before the client's first Handshake packet "
                + "reached it, the server sent 3600 bytes in 3 datagrams for the client's 1200 bytes of Initials in 1: 3.00x "
                + "(at most 3.00x at any datagram); the server's Handshake packets carried 9228 bytes: within 3x; QUIC v1, GET "), o.detail());
    }

    @Test
    void betweenThreeAndFourTimesPassesAsTheRunnerLetsItAndSaysSo() throws Exception {
        Outcome o = run(report(true, 2400, 8000, 4000, 1200, 9228));
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().contains("3.33x (at most 3.33x at any datagram)"), o.detail());
        assertTrue(o.detail().contains("above 3x, below the runner's tolerance of 4x"), o.detail());
    }

    @Test
    void fourTimesAtAnyDatagramFailsEvenWhenTheTotalsLookFine() throws Exception {
        // 4800 bytes sent on one ClientHello's 1200, before the client's second Initial made the totals 2.0x.
        Outcome o = run(report(true, 2400, 4800, 4800, 1200, 9228));
        assertEquals(Verdict.FAIL, o.verdict(), o.detail());
        assertTrue(o.detail().endsWith("the server sent 4800 bytes when it had received 1200, 4x or more (limit 3x)"), o.detail());
    }

    @Test
    void aSmallFirstFlightIsNotShown() throws Exception {
        Outcome o = run(report(true, 1200, 1500, 1500, 1200, 1100));
        assertEquals(Verdict.NOT_SHOWN, o.verdict(), o.detail());
        assertTrue(o.detail().contains("the server's Handshake packets carried 1100 bytes, under the runner's 7500"), o.detail());
        assertTrue(o.detail().endsWith("in a lab: --serve-args='--cert-chain 9')"), o.detail());
    }

    @Test
    void noClientHandshakeAtTheServerFails() throws Exception {
        Outcome o = run(report(false, 1200, 3600, 3600, 1200, 9228));
        assertEquals(Verdict.FAIL, o.verdict(), o.detail());
        assertTrue(o.detail().contains("no client datagram starting with a Handshake packet reached the server"), o.detail());
    }

    @Test
    void aSecondConnectionFailsAsTheRunnerCountsHandshakes() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = report(true, 1200, 3600, 3600, 1200, 9228);
        e.attempts = 2;
        Outcome o = e.run(new AmplificationLimit(), www);
        assertEquals(Verdict.FAIL, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("the handshake needed 2 connections"), o.detail());
    }

    @Test
    void twoQuicVersionsFail() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = report(true, 1200, 3600, 3600, 1200, 9228);
        e.version = "v1+v2";
        Outcome o = e.run(new AmplificationLimit(), www);
        assertEquals(Verdict.FAIL, o.verdict(), o.detail());
        assertEquals("QUIC version v1+v2 in the server's long headers", o.detail());
    }

    @Test
    void outsideALabItIsUnsupported() throws Exception {
        Outcome o = new FakeEngine().run(new AmplificationLimit(), www);
        assertEquals(new Outcome(Verdict.UNSUPPORTED, "needs quiver lab (the case sets the link's impairments)"), o);
    }
}
