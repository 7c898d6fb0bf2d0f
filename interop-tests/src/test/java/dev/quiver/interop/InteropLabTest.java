package dev.quiver.interop;

import static dev.quiver.interop.ExpectedMatrix.fail;
import static dev.quiver.interop.ExpectedMatrix.notShown;
import static dev.quiver.interop.ExpectedMatrix.pass;
import static dev.quiver.interop.ExpectedMatrix.passOrFail;
import static dev.quiver.interop.ExpectedMatrix.passSeeing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
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
        // Not here, for their time: blackhole (15 s an engine), and the cases this server fails slowly, each after
        // its 30 s idle timeout or the case's 60 s: handshakecorruption (it never confirms some handshakes) and
        // rebind-port/rebind-addr (its connections die after a rebinding). Their measured matrix is in issue 14's notes.
        ExpectedMatrix expected = ExpectedMatrix.of(
                "longrtt", passSeeing(LONG_RTT), passSeeing(LONG_RTT),
                "transferloss", passSeeing(LOSS), passSeeing(LOSS),
                "transfercorruption", passOrFail(FLUPKE_LAB_STALL), passOrFail(FLUPKE_LAB_STALL),
                "handshakeloss", passOrFail(QUICHE_CLIENT_PTO), pass(),
                "goodput", passOrFail(FLUPKE_LAB_STALL), passOrFail(FLUPKE_LAB_STALL),
                "ipv6", passSeeing(ipv6(4433)), passSeeing(ipv6(4433)));
        List<String> line = new ArrayList<>(List.of("lab", "--seed", "7", "--server-cmd", server, "--server-port", "4433", "--",
                "interop", "https://{server}:4433/", "-k", "--json", "--www", www.toString(), "--cases", expected.cases(),
                "--case-timeout", "15s"));
        line.addAll(SHORTER);
        JsonNode j = expected.check(QuiverProcess.run(380, line.toArray(String[]::new)), "Kwik/Flupke server in a lab");
        assertEquals(0.0, j.get("link").at("/params/rtt_ms").asDouble(), "the lab's own link is back");
    }

    @Test
    void longRttLossAndCorruptionSetByTheCasesThemselves() throws Exception {
        // A 1 MB resource: about 700 packets to the client, so 2% loss or corruption hits some for sure.
        var out = QuiverProcess.run(380, "lab", "--seed", "7", "--", "interop", "https://{server}/bytes/1000000", "-k",
                "--json", "--cases", "longrtt,transferloss,transfercorruption", "--case-timeout", "60s");
        JsonNode j = report(out);
        List<String> wrong = new ArrayList<>();
        for (JsonNode r : j.get("results")) {
            String cell = r.get("case").asText() + "/" + r.get("engine").asText();
            String detail = r.get("detail").asText();
            System.out.printf("interop lab %s: %s in %d ms: %s%n", cell, r.get("verdict").asText(), r.get("ms").asLong(), detail);
            if (!r.get("verdict").asText().equals("pass")) {
                wrong.add(cell + ": " + r.get("verdict").asText() + ": " + detail);
            } else if (cell.startsWith("longrtt") && !detail.startsWith("1.5 s RTT: handshake completed;")) {
                wrong.add(cell + ": " + detail);
            } else if (cell.startsWith("transferloss") && !detail.matches("loss=2%,loss-max-run=3: [1-9][0-9]* packets dropped loss .*")) {
                wrong.add(cell + ": " + detail);
            } else if (cell.startsWith("transfercorruption") && !detail.matches("corrupt=2%: [1-9][0-9]* packets corrupted .*")) {
                wrong.add(cell + ": " + detail);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(6, j.get("results").size(), out.stdout());
        assertEquals(0, out.exitCode(), out.stderr());
        // Every case restored the lab's own link: a perfect one here, as the report at the end shows.
        JsonNode link = j.get("link");
        assertEquals(0.0, link.at("/params/rtt_ms").asDouble(), link.toString());
        assertEquals(0.0, link.at("/params/to_client/loss").asDouble(), link.toString());
        assertEquals(0.0, link.at("/params/to_client/corrupt").asDouble(), link.toString());
    }

    @Test
    void ipv6AndGoodputOnTheRunnersTenMegabitLink() throws Exception {
        // Small: 300 kB is a quarter of a second at 10 Mbit/s. Not here, for their time or their flakiness:
        // handshakeloss and handshakecorruption (50 handshakes; some runs end in a 30 s idle timeout), blackhole
        // (needs the 5 s until the first dark time), rebind-port and rebind-addr (some runs stall after a rebinding);
        // their judgement is unit-tested against a scripted engine; their measured runs are in issue 14's notes.
        var out = QuiverProcess.run(200, "lab", "--seed", "7", "--", "interop", "https://{server}/bytes/300000", "-k",
                "--json", "--cases", "ipv6,goodput", "--case-timeout", "30s");
        JsonNode j = report(out);
        List<String> wrong = new ArrayList<>();
        for (JsonNode r : j.get("results")) {
            String cell = r.get("case").asText() + "/" + r.get("engine").asText();
            String verdict = r.get("verdict").asText();
            String detail = r.get("detail").asText();
            System.out.printf("interop lab %s: %s in %d ms: %s%n", cell, verdict, r.get("ms").asLong(), detail);
            // Expected on both engines: pass. ipv6: to the server's IPv6 address in the lab, and the link saw only
            // IPv6 from the server; goodput: a valid measurement, below what a 10 Mbit/s link can carry.
            if (!verdict.equals("pass")) {
                wrong.add(cell + ": " + verdict + " (expected pass): " + detail);
            } else if (cell.startsWith("ipv6") && !detail.matches("QUIC v1 to \\[2001:2:0:1::1\\]:443, .*the link saw [1-9][0-9]* IPv6 packets to the server, ([1-9][0-9]*) of \\1 from it IPv6")) {
                wrong.add(cell + ": " + detail);
            } else if (cell.startsWith("goodput") && !(r.at("/measurement/unit").asText().equals("kbps")
                    && r.at("/measurement/value").asDouble() > 100 && r.at("/measurement/value").asDouble() < 10_000)) {
                wrong.add(cell + ": " + r.get("measurement") + ": " + detail);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(4, j.get("results").size(), out.stdout());
        assertEquals(0, out.exitCode(), out.stderr());
        assertEquals(0.0, j.get("link").at("/params/rtt_ms").asDouble(), "the lab's own link is back");
    }

    @Test
    void amplificationLimitAgainstTheServerWithTheRunnersChainOfNine() throws Exception {
        // The lab's own server with the runner's chain of 9 certificates (--serve-args); about 4 s per engine.
        var out = QuiverProcess.run(120, "lab", "--seed", "7", "--serve-args=--cert-chain 9", "--", "interop", "https://{server}/", "-k",
                "--json", "--cases", "amplificationlimit");
        JsonNode j = report(out);
        List<String> wrong = new ArrayList<>();
        Pattern figures = Pattern.compile("client packets 2-7 dropped \\(6 dropped\\); before the client's first Handshake packet reached it, "
                + "the server sent (\\d+) bytes in \\d+ datagrams for the client's (\\d+) bytes of Initials in \\d+: \\S+x \\(at most (\\S+)x "
                + "at any datagram\\); the server's Handshake packets carried (\\d+) bytes: within 3x; QUIC v1, GET / -> 200, .*");
        for (JsonNode r : j.get("results")) {
            String cell = r.get("case").asText() + "/" + r.get("engine").asText();
            String detail = r.get("detail").asText();
            System.out.printf("interop lab %s: %s in %d ms: %s%n", cell, r.get("verdict").asText(), r.get("ms").asLong(), detail);
            Matcher m = figures.matcher(detail);
            if (!r.get("verdict").asText().equals("pass") || !m.matches()) {
                wrong.add(cell + ": " + r.get("verdict").asText() + ": " + detail);
                continue;
            }
            long server = Long.parseLong(m.group(1));
            long client = Long.parseLong(m.group(2));
            // The ClientHello is one padded datagram of at least 1200 bytes; the server used its allowance (a first
            // flight of over 9 kB does not fit in it) and stayed within 3x at every datagram.
            if (client < 1200 || server <= 2 * client || server > 3 * client || Double.parseDouble(m.group(3)) > 3.0
                    || Long.parseLong(m.group(4)) < 7500) {
                wrong.add(cell + ": figures out of range: " + detail);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(2, j.get("results").size(), out.stdout());
        assertEquals(0, out.exitCode(), out.stderr());
        assertEquals(null, j.get("link").at("/params/to_server/drop").textValue(), "the lab's own link is back");
    }

    /** The interop command's JSON report; without one, what the command printed instead. */
    private static JsonNode report(QuiverProcess.Outcome out) {
        try {
            return new ObjectMapper().readTree(out.stdout());
        } catch (IOException e) {
            throw new AssertionError("no JSON (exit " + out.exitCode() + "): " + out.stdout() + out.stderr(), e);
        }
    }
}
