package dev.quiver.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.Main;
import dev.quiver.cli.report.LinkReport;
import dev.quiver.lab.link.LinkFlags;
import dev.quiver.lab.link.LinkSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code quiver lab}'s input checks (before any lab is built) and the Link block of the text report. */
class LabCommandTest {

    private static String stderrOf(int[] exit, String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit[0] = Main.execute(args);
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        int[] exit = new int[1];
        assertEquals("quiver: lab: give a quiver command after -- (e.g. -- run https://{server}/ -k) or --client-cmd\n",
                stderrOf(exit, "lab", "--rtt", "40ms"));
        assertEquals(2, exit[0]);
        assertEquals("quiver: --rtt: invalid duration '40' (examples: 40ms, 1.5s, 250us)\n",
                stderrOf(exit, "lab", "--rtt", "40", "--", "run", "https://{server}/"));
        assertEquals(2, exit[0]);
        assertEquals("quiver: lab: give a quiver command after -- or --client-cmd, not both\n",
                stderrOf(exit, "lab", "--client-cmd", "true", "--", "run", "https://{server}/"));
        assertEquals(2, exit[0]);
        assertEquals("quiver: lab: a lab cannot run inside a lab\n", stderrOf(exit, "lab", "--", "lab", "--", "run", "x"));
        assertEquals(2, exit[0]);
        assertEquals("quiver: --serve-args is for quiver's own server; with --server-cmd put them in the command\n",
                stderrOf(exit, "lab", "--server-cmd", "caddy run", "--serve-args=--cert-chain 9", "--", "run", "x"));
        assertEquals(2, exit[0]);
        assertTrue(stderrOf(exit, "lab", "--loss-sideways", "1%", "--", "run", "x").startsWith("quiver: Unknown option: '--loss-sideways'"));
        assertEquals(2, exit[0]);
        assertTrue(stderrOf(exit, "lab", "--tcp-cc", "no-such-cc", "--", "run", "x")
                .matches("quiver: --tcp-cc: no-such-cc is not available on this kernel \\(available: [a-z0-9, ]+\\)\n"));
        assertEquals(2, exit[0]);
    }

    @Test
    void helpShowsEveryFlagAndFormatsCleanly() {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int[] exit = new int[1];
        String err;
        try {
            err = stderrOf(exit, "lab", "--help");
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(0, exit[0]);
        assertEquals("", err, "picocli has nothing to complain about (a bare % in a description would)");
        String help = out.toString(StandardCharsets.UTF_8);
        for (String flag : List.of("--profile", "--rtt", "--loss-up", "--loss-burst", "--rate-down", "--queue", "--reorder-gap",
                "--corrupt", "--drop-up", "--blackhole", "--rebind-port", "--rebind-addr", "--seed", "--mtu", "--server-cmd", "--serve-args",
                "--client-cmd", "--[no-]warmup")) {
            assertTrue(help.contains(flag), flag + " in --help");
        }
        assertTrue(help.contains("--loss 1% -- compare"), help);
    }

    @Test
    void everyLinkFlagReachesTheLink() {
        LinkOptions o = new LinkOptions();
        new picocli.CommandLine(o).parseArgs("--rtt", "80ms", "--loss-up", "1%", "--loss-down", "2%", "--loss-burst", "3",
                "--rate-down", "10mbit", "--queue-down", "20p", "--jitter-up", "1ms", "--reorder", "1%", "--reorder-gap", "3ms",
                "--duplicate-down", "1%", "--corrupt-up", "1%", "--blackhole", "5s/2s", "--rebind-port", "10s", "--rebind-addr", "20s",
                "--drop-up", "2-7");
        LinkSpec s = o.toFlags().build(7, 1500);
        assertEquals("to server: delay 40ms, jitter 1ms, loss 1% in bursts of 3, reorder 1% by 3ms, corrupt 1%, drop UDP packets 2-7, "
                + "to client: delay 40ms, rate 10mbit (queue 20 packets), loss 2% in bursts of 3, reorder 1% by 3ms, duplicate 1%, "
                + "blackhole 5s/2s, rebind port every 10s, rebind address every 20s, seed 7", s.summary());
    }

    @Test
    void theLinkBlockShowsParametersAndCounters() throws Exception {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("params", new LinkFlags().set("rtt", "40ms").set("loss", "1%").build(7, 1500).describe());
        link.put("seed", 7);
        Map<String, Object> counters = new LinkedHashMap<>();
        for (String k : List.of("forwarded", "bytes", "dropped_loss", "dropped_queue", "corrupted", "reordered", "duplicated", "blackholed",
                "dropped_device")) {
            counters.put(k, 3);
        }
        counters.put("max_queue_delay_ms", 0.0);
        counters.put("max_late_ms", 0.25);
        link.put("to_server", counters);
        link.put("to_client", counters);
        link.put("client_address", "198.18.0.1");
        link.put("server_address", "198.19.0.1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinkReport.print(link, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Link (quiver lab):\n  198.18.0.1 -> 198.19.0.1, seed 7\n  rtt 40.0 ms, mtu 1500\n"), text);
        assertTrue(text.contains("  to server: delay 20.0 ms, jitter 0.0 ms, rate unlimited, loss 1%, reorder 0%, duplicate 0%, corrupt 0%\n"), text);
        assertTrue(text.contains("forwarded 3, bytes 3, dropped loss 3, dropped queue 3, corrupted 3, reordered 3, duplicated 3, blackholed 3, "
                + "dropped device 3, max queue delay 0.0 ms, link late by up to 0.25 ms"), text);
        var withLink = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(LinkReport.addTo("{\"requests\":{\"total\":3},\"rps\":1.5}", link));
        assertEquals(3, withLink.at("/requests/total").asInt(), "the report's own keys stay");
        assertEquals(1.5, withLink.at("/rps").asDouble());
        assertEquals("198.18.0.1", withLink.at("/link/client_address").asText());
        assertEquals(3, withLink.at("/link/to_server/dropped_loss").asInt());
    }
}
