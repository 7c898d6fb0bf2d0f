package dev.quiver.interop;

import static dev.quiver.interop.ExpectedMatrix.fail;
import static dev.quiver.interop.ExpectedMatrix.notShown;
import static dev.quiver.interop.ExpectedMatrix.pass;
import static dev.quiver.interop.ExpectedMatrix.passOrFail;
import static dev.quiver.interop.ExpectedMatrix.passSeeing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interop cases that need a network, inside {@code quiver lab}, against its embedded server,
 * Debian's Caddy (quic-go) and a Kwik/Flupke server, each in the lab's server namespace: each case
 * sets the link it needs through the lab's control socket, and the lab's own link is back when the
 * command reports. The expected cell of every case is written down with its reason; any other result
 * fails. The runner's sizes and counts are shortened ({@code --case-setting}) where that changes
 * the time a case takes, not what it shows.
 */
@Timeout(400)
class InteropLabTest {

    @RegisterExtension
    final LabNamespaces namespaces = new LabNamespaces();

    @TempDir
    Path dir;

    // Reasons for the cells that are not pass: facts about a stack or a server.
    private static final String NETTY_NO_PATH_FRAMES = "quiche (Netty QUIC) reports no PATH_CHALLENGE or PATH_RESPONSE frames";
    private static final String QUICHE_CLIENT_PTO = "quiche's client PTO under 30% loss (its RTT taken from a late first ACK, "
            + "an Application-space probe before the handshake is confirmed): a handshake now and then ends in the idle timeout";
    private static final String QUIC_GO_NO_PATH_VALIDATION = "quic-go 0.29 (Caddy 2.6.2) follows a rebound client "
            + "without validating its new path, which RFC 9000 9.3 requires";
    private static final String QUICHE_SERVER_PTO = "the embedded server's quiche, the mirror of its client's PTO: a lost "
            + "HANDSHAKE_DONE re-sent late (seen: 16 s of silence), so a handshake now and then ends in the idle timeout";
    private static final String KWIK_CORRUPTED_HANDSHAKE = "Kwik 0.10.8 now and then ends a handshake through corrupted "
            + "packets with 'Handshake error' and no reason";
    private static final String FLUPKE_LAB_STALL = "Kwik/Flupke server: over an impaired link a download now and then "
            + "stalls until the server's idle timeout";

    /** The runner's cases shortened: fewer handshakes, smaller files (still longer than the link's events need). */
    private static final List<String> SHORTER = List.of(
            "--case-setting", "handshakeloss.handshakes=3", "--case-setting", "handshakecorruption.handshakes=3",
            "--case-setting", "blackhole.bytes=7000000", "--case-setting", "goodput.bytes=300000",
            "--case-setting", "rebind-port.bytes=3000000", "--case-setting", "rebind-addr.bytes=3000000");

    private static final String LONG_RTT = "1\\.5 s RTT: handshake completed; [3-9] Initial packets sent; .*";
    private static final String LOSS = "loss=2%,loss-max-run=3: [1-9][0-9]* packets dropped loss by the link; [0-9]+ bytes, byte-exact .*";
    private static final String CORRUPTION = "corrupt=2%: [1-9][0-9]* packets corrupted by the link; [0-9]+ bytes, byte-exact .*";
    private static final String BLACKHOLE = ".*blackhole=5s/2s: GET \\S+ took [0-9]+ ms; [1-9][0-9]* .*packets blackholed by the link; 7000000 bytes, byte-exact .*";
    /** A valid measurement below what the 10 Mbit/s link carries. */
    private static final String GOODPUT = ".*: goodput [1-9][0-9]{2,3} kbit/s \\(300000 bytes in .*";
    private static final String REBOUND_AND_VALIDATED = ".*: [1-9][0-9]* NAT rebindings by the link during the transfer; 3000000 bytes, "
            + "byte-exact .*; [1-9][0-9]* PATH_CHALLENGE received, [1-9][0-9]* PATH_RESPONSE sent, every challenge answered";

    /** Pass as {@code pattern} says, or fail as a stalled download of the Kwik/Flupke server does. */
    private static ExpectedMatrix.Cell stallOr(String pattern) {
        return ExpectedMatrix.passOrFailing(FLUPKE_LAB_STALL, pattern,
                "timed out after .*|.*Connection closed.*|.*stream closed before its response ended.*");
    }

    /** To the server's IPv6 address in the lab on {@code port}, and the link saw only IPv6 from the server. */
    private static String ipv6(int port) {
        return "QUIC v1 to \\[2001:2:0:1::1\\]:" + port + ", .*the link saw [1-9][0-9]* IPv6 packets to the server, [1-9][0-9]* of [1-9][0-9]* from it IPv6.*";
    }

    @Test
    void caddyServingADirectory() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok from caddy\n");
        String caddy = LabCaddy.serving(dir, 8443, www);
        ExpectedMatrix expected = ExpectedMatrix.of(
                "longrtt", passSeeing(LONG_RTT), passSeeing(LONG_RTT),
                "transferloss", passSeeing(LOSS), passSeeing(LOSS),
                "transfercorruption", passSeeing(CORRUPTION), passSeeing(CORRUPTION),
                "handshakeloss", passOrFail(QUICHE_CLIENT_PTO), pass(),
                "handshakecorruption", passOrFail(QUICHE_CLIENT_PTO), passOrFail(KWIK_CORRUPTED_HANDSHAKE),
                "amplificationlimit", notShown("one certificate: a first flight within 3x of a ClientHello", SMALL_FLIGHT),
                notShown("one certificate: a first flight within 3x of a ClientHello", SMALL_FLIGHT),
                "blackhole", passSeeing(BLACKHOLE), passSeeing(BLACKHOLE),
                "goodput", passSeeing(GOODPUT), passSeeing(GOODPUT),
                "ipv6", passSeeing(ipv6(8443)), passSeeing(ipv6(8443)),
                "rebind-port", notShown(NETTY_NO_PATH_FRAMES, NETTY_NO_PATH_FRAMES),
                fail(QUIC_GO_NO_PATH_VALIDATION, "0 PATH_CHALLENGE received, 0 PATH_RESPONSE sent: the server never validated the client's new path"),
                "rebind-addr", notShown(NETTY_NO_PATH_FRAMES, NETTY_NO_PATH_FRAMES),
                fail(QUIC_GO_NO_PATH_VALIDATION, "0 PATH_CHALLENGE received, 0 PATH_RESPONSE sent: the server never validated the client's new path"));
        List<String> line = new ArrayList<>(List.of("lab", "--seed", "7", "--server-cmd", caddy, "--server-port", "8443", "--",
                "interop", "https://{server}:8443/", "-k", "--json", "--www", www.toString(), "--cases", expected.cases()));
        line.addAll(SHORTER);
        JsonNode j = expected.check(QuiverProcess.run(380, line.toArray(String[]::new)), "Caddy in a lab");
        assertEquals(0.0, j.get("link").at("/params/rtt_ms").asDouble(), "the lab's own link is back");
        try (var left = Files.list(www)) {
            assertEquals(List.of("index.html"), left.map(p -> p.getFileName().toString()).toList(), "quiver removes the files it wrote");
        }
    }

    @Test
    void kwikFlupkeServerServingADirectory() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        // The server as a process of its own in the server namespace: this module's test classes after quiver's jar.
        String server = "exec " + Path.of(System.getProperty("java.home"), "bin", "java") + " -Xmx256m -cp "
                + QuiverProcess.jar() + File.pathSeparator
                + Path.of(FlupkeH3Server.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + " " + FlupkeH3Server.class.getName() + " 4433 " + www;
        // Not here, for their time: longrtt (6 s an engine; it passed on both), blackhole (15 s; passed), and the cases
        // this server fails slowly, each after its 30 s idle timeout or the case's 60 s: handshakecorruption (it never
        // confirms some handshakes) and rebind-port/rebind-addr (its connections die after a rebinding). Their measured
        // matrix is in issue 14's notes. Any download from this server through an impaired link may stall (seen in every case here but handshakeloss,
        // one or two cells a run): such a cell may fail, with a stall's signature only, and no more than two of them.
        ExpectedMatrix expected = ExpectedMatrix.of(
                "transferloss", stallOr(LOSS), stallOr(LOSS),
                "transfercorruption", stallOr(CORRUPTION), stallOr(CORRUPTION),
                "handshakeloss", passOrFail(QUICHE_CLIENT_PTO), pass(),
                "goodput", stallOr(GOODPUT), stallOr(GOODPUT),
                "ipv6", stallOr(ipv6(4433)), stallOr(ipv6(4433)));
        List<String> line = new ArrayList<>(List.of("lab", "--seed", "7", "--server-cmd", server, "--server-port", "4433", "--",
                "interop", "https://{server}:4433/", "-k", "--json", "--www", www.toString(), "--cases", expected.cases(),
                "--case-timeout", "10s"));
        line.addAll(SHORTER);
        JsonNode j = expected.check(QuiverProcess.run(380, line.toArray(String[]::new)), "Kwik/Flupke server in a lab");
        assertEquals(0.0, j.get("link").at("/params/rtt_ms").asDouble(), "the lab's own link is back");
        int passed = 0;
        for (JsonNode r : j.get("results")) {
            passed += r.get("verdict").asText().equals("pass") ? 1 : 0;
        }
        // Stalls seen: 0, 1, 1, 3 and 4 of the 10 cells in five runs; a server that serves at all passes some.
        assertTrue(passed >= 3, passed + " of 10 cells passed: " + j.get("results"));
    }

    @Test
    void embeddedServer() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        // The lab's own server serving the directory --www writes into, with its one certificate: amplificationlimit
        // is not shown (the test below gives the server the runner's chain of 9 and runs that case alone).
        ExpectedMatrix expected = ExpectedMatrix.of(
                "longrtt", passSeeing(LONG_RTT), passSeeing(LONG_RTT),
                "transferloss", passSeeing(LOSS), passSeeing(LOSS),
                "transfercorruption", passSeeing(CORRUPTION), passSeeing(CORRUPTION),
                "handshakeloss", passOrFail(QUICHE_CLIENT_PTO), passOrFail(QUICHE_SERVER_PTO),
                "handshakecorruption", passOrFail(QUICHE_CLIENT_PTO), passOrFail(QUICHE_SERVER_PTO),
                "amplificationlimit", notShown("one certificate: a first flight within 3x of a ClientHello", SMALL_FLIGHT),
                notShown("one certificate: a first flight within 3x of a ClientHello", SMALL_FLIGHT),
                "blackhole", passSeeing(BLACKHOLE), passSeeing(BLACKHOLE),
                "goodput", passSeeing(GOODPUT), passSeeing(GOODPUT),
                "ipv6", passSeeing(ipv6(443)), passSeeing(ipv6(443)),
                "rebind-port", notShown(NETTY_NO_PATH_FRAMES, NETTY_NO_PATH_FRAMES), passSeeing(REBOUND_AND_VALIDATED),
                "rebind-addr", notShown(NETTY_NO_PATH_FRAMES, NETTY_NO_PATH_FRAMES), passSeeing(REBOUND_AND_VALIDATED));
        List<String> line = new ArrayList<>(List.of("lab", "--seed", "7", "--",
                "interop", "https://{server}/", "-k", "--json", "--www", www.toString(), "--cases", expected.cases()));
        line.addAll(SHORTER);
        JsonNode j = expected.check(QuiverProcess.run(380, line.toArray(String[]::new)), "the embedded server in a lab");
        // Every case restored the lab's own link: a perfect one here, as the report at the end shows.
        JsonNode link = j.get("link");
        assertEquals(0.0, link.at("/params/rtt_ms").asDouble(), link.toString());
        assertEquals(0.0, link.at("/params/to_client/loss").asDouble(), link.toString());
        assertEquals(0.0, link.at("/params/to_client/corrupt").asDouble(), link.toString());
        assertEquals(null, link.at("/params/to_server/drop").textValue(), link.toString());
    }

    @Test
    void amplificationLimitAgainstTheServerWithTheRunnersChainOfNine() throws Exception {
        // The lab's own server with the runner's chain of 9 certificates (--serve-args); about 5 s per engine. Alone: a
        // first flight of 11 kB makes other cases harder (Kwik gives up on CRYPTO_BUFFER_EXCEEDED under 30% loss).
        ExpectedMatrix expected = ExpectedMatrix.of(
                "amplificationlimit", passSeeing(AMPLIFICATION.pattern()), passSeeing(AMPLIFICATION.pattern()));
        JsonNode j = expected.check(QuiverProcess.run(120, "lab", "--seed", "7", "--serve-args=--cert-chain 9", "--", "interop",
                "https://{server}/", "-k", "--json", "--cases", expected.cases()), "the server with 9 certificates in a lab");
        for (JsonNode r : j.get("results")) {
            assertAmplificationFigures(r.get("engine").asText(), r.get("detail").asText());
        }
        assertEquals(null, j.get("link").at("/params/to_server/drop").textValue(), "the lab's own link is back");
    }

    private static final String SMALL_FLIGHT = "under the runner's 7500: the server's first flight is too small to reach the limit";

    /** What the runner's amplificationlimit judges: its droplist, the server's bytes before validation, its large flight. */
    private static final Pattern AMPLIFICATION = Pattern.compile("client packets 2-7 dropped \\(6 dropped\\); before the client's "
            + "first Handshake packet reached it, the server sent (\\d+) bytes in \\d+ datagrams for the client's (\\d+) bytes of "
            + "Initials in \\d+: \\S+x \\(at most (\\S+)x at any datagram\\); the server's Handshake packets carried (\\d+) bytes: "
            + "within 3x; QUIC v1, GET / -> 200, .*");

    private static void assertAmplificationFigures(String engine, String detail) {
        Matcher m = AMPLIFICATION.matcher(detail);
        assertTrue(m.matches(), engine + ": " + detail);
        long server = Long.parseLong(m.group(1));
        long client = Long.parseLong(m.group(2));
        // The ClientHello is one padded datagram of at least 1200 bytes; the server used its allowance (a first
        // flight of over 9 kB does not fit in it) and stayed within 3x at every datagram.
        assertTrue(client >= 1200 && server > 2 * client && server <= 3 * client && Double.parseDouble(m.group(3)) <= 3.0
                && Long.parseLong(m.group(4)) >= 7500, engine + ": figures out of range: " + detail);
    }
}
