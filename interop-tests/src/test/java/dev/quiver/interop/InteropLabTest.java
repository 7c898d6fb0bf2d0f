package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The interop cases that need a network, inside {@code quiver lab} against its embedded server:
 * each case sets the link it needs through the lab's control socket, and the lab's own link is
 * back when the command reports. Every cell is expected to pass on both engines, but where a
 * stack cannot show what a case judges (then not shown, with the reason).
 */
@Timeout(400)
class InteropLabTest {

    @RegisterExtension
    final LabNamespaces namespaces = new LabNamespaces();

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
