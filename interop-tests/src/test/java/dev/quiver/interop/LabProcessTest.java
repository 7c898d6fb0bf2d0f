package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver lab} as a user runs it (root, /dev/net/tun and ip, as CI has them): a quiver run
 * over a lossy, delayed link against the embedded server and against Caddy, the report carrying
 * the link, and no namespace left behind.
 */
@Timeout(300)
class LabProcessTest {

    @RegisterExtension
    final LabNamespaces namespaces = new LabNamespaces();

    private static JsonNode runInLab(String... args) throws Exception {
        var out = QuiverProcess.run(240, args);
        assertEquals(0, out.exitCode(), "stdout: " + out.stdout() + "\nstderr: " + out.stderr());
        assertTrue(out.stderr().contains("quiver lab: client 198.18.0.1"), out.stderr());
        return new ObjectMapper().readTree(out.stdout());
    }

    private static void assertLossyRun(JsonNode j, int requests) {
        assertEquals(0, j.at("/streams/live").asLong(), "live");
        assertEquals(requests, j.at("/requests/ok").asLong(), "every request ok");
        JsonNode link = j.get("link");
        assertTrue(link != null && link.isObject(), "the report carries the link: " + j);
        assertEquals(7, link.get("seed").asLong());
        assertTrue(link.get("tcp_congestion_control").asText().matches("[a-z0-9_]+"), "the report says TCP's congestion control: " + link);
        assertEquals(40.0, link.at("/params/rtt_ms").asDouble());
        assertEquals(0.01, link.at("/params/to_server/loss").asDouble());
        assertEquals(0.01, link.at("/params/to_client/loss").asDouble());
        for (String dir : List.of("to_server", "to_client")) {
            for (String k : List.of("forwarded", "bytes", "dropped_loss", "dropped_queue", "corrupted", "reordered", "duplicated",
                    "blackholed", "max_queue_delay_ms")) {
                assertTrue(link.at("/" + dir + "/" + k).isNumber(), dir + "." + k);
            }
            assertTrue(link.at("/" + dir + "/forwarded").asLong() > requests, dir + " forwarded the run's packets");
        }
        long lost = link.at("/to_server/dropped_loss").asLong() + link.at("/to_client/dropped_loss").asLong();
        long all = lost + link.at("/to_server/forwarded").asLong() + link.at("/to_client/forwarded").asLong();
        assertTrue(lost > 0 && lost < all * 0.03, "about 1% lost: " + lost + " of " + all);
        JsonNode transport = j.get("transport");
        assertTrue(transport.get("connections").asLong() > 0, "the transport figures of the connections: " + transport);
        assertTrue(transport.at("/srtt_ms/min").asDouble() >= 38, "the client's stack saw the link's 40 ms: " + transport);
    }

    /** The one test that keeps the lab's default warm-up of its own server; the others skip it (--no-warmup): they measure no speed. */
    @Test
    void lossOnTheLinkShowsInTheClientsTransportFigures() throws Exception {
        // One lab for both protocols (a compare), 1000 requests on one connection each: 5% of the client's
        // segments and packets are dropped, and its own stack says so.
        JsonNode j = runInLab("lab", "--rtt", "20ms", "--loss", "5%", "--seed", "7", "--", "compare", "https://{server}/", "-k",
                "--protocols", "2,3", "--engines", "netty", "-c", "1", "-p", "10", "-n", "1000", "--json");
        JsonNode variants = j.get("variants");
        assertEquals(2, variants.size(), j.toString());
        for (JsonNode v : variants) {
            assertEquals(1000, v.at("/requests/ok").asLong(), v.get("variant").asText());
            JsonNode t = v.get("transport");
            assertEquals(1, t.get("connections").asLong(), t.toString());
            assertTrue(t.at("/srtt_ms/p50").asDouble() >= 19, "the link's 20 ms: " + t);
            if (v.get("protocol").asText().equals("HTTP/2")) {
                assertEquals("tcp", t.get("kind").asText());
                assertTrue(t.get("retransmits").asLong() > 0, "TCP retransmitted the segments the link dropped: " + t);
            } else {
                assertEquals("quic", t.get("kind").asText());
                assertTrue(t.get("packets_lost").asLong() > 0, "quiche declared the dropped packets lost: " + t);
                assertTrue(t.get("packets_sent").asLong() > 1000, t.toString());
            }
        }
    }

    @Test
    void http2OverALossyLinkCompletesAndTheReportCarriesTheLink(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("lab.html");
        var out = QuiverProcess.run(240, "lab", "--rtt", "40ms", "--loss", "1%", "--seed", "7", "--tcp-cc", "cubic", "--",
                "run", "https://{server}/", "-k", "--http", "2", "-n", "200", "--json", "--html", html.toString());
        assertEquals(0, out.exitCode(), "stdout: " + out.stdout() + "\nstderr: " + out.stderr());
        assertTrue(out.stderr().contains("quiver lab: client 198.18.0.1"), out.stderr());
        assertTrue(out.stderr().contains("quiver lab: server warmed up in "), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals("HTTP/2", j.get("protocol").asText());
        assertEquals("https://198.19.0.1/", j.get("target").asText());
        assertLossyRun(j, 200);
        assertEquals("cubic", j.at("/link/tcp_congestion_control").asText(), "TCP as asked, whatever the machine's default");
        String page = Files.readString(html);
        assertTrue(page.contains("<h2>Link (quiver lab)</h2>") && page.contains("seed 7, rtt 40 ms"), "the page carries the link");
        assertTrue(page.contains("<tr><td>dropped loss</td><td>" + j.at("/link/to_server/dropped_loss").asLong() + "</td>"),
                "the page's counters are the report's");
    }

    @Test
    void http3OverALossyLinkCompletesAndTheReportCarriesTheLink() throws Exception {
        JsonNode j = runInLab("lab", "--rtt", "40ms", "--loss", "1%", "--seed", "7", "--no-warmup", "--",
                "run", "https://{server}/", "-k", "--http", "3", "-n", "200", "--json");
        assertEquals("HTTP/3", j.get("protocol").asText());
        assertLossyRun(j, 200);
        assertTrue(j.at("/phases_ms/quic_handshake/min").asDouble() >= 40, "a QUIC handshake takes at least one RTT: " + j.at("/phases_ms"));
    }

    @Test
    void http3OnKwikOverALossyLinkCompletes() throws Exception {
        // also a URL without a port: Kwik once took it as port -1
        JsonNode j = runInLab("lab", "--rtt", "40ms", "--loss", "1%", "--seed", "7", "--no-warmup", "--",
                "run", "https://{server}/", "-k", "--http", "3", "--engine", "kwik", "-n", "100", "-c", "2", "--json");
        assertEquals("kwik", j.get("engine").asText());
        assertLossyRun(j, 100);
    }

    @Test
    void caddyRunsOnTheServerSideWithServerCmd() throws Exception {
        Path dir = Files.createTempDirectory("quiver-lab-caddy");
        try {
            String caddy = LabCaddy.responding(dir, 8443);
            for (String http : List.of("2", "3")) {
                JsonNode j = runInLab("lab", "--rtt", "40ms", "--loss", "1%", "--seed", "7", "--server-cmd", caddy, "--server-port", "8443",
                        "--", "run", "https://{server}:8443/", "-k", "--http", http, "-n", "100", "-c", "4", "--json");
                assertEquals(http.equals("2") ? "HTTP/2" : "HTTP/3", j.get("protocol").asText());
                assertLossyRun(j, 100);
            }
            // Caddy (quic-go) following the client through NAT rebinding: InteropLabTest's rebind-port and rebind-addr.
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void http2IsNotHeldBackByItsFlowControlWindowOnALongPath() throws Exception {
        // 4 MB at 40 ms: HTTP/2's default 64 KiB connection window made that 5.3 s (over 130 round trips);
        // with a window as large as TCP's, slow start alone takes about ten.
        JsonNode j = runInLab("lab", "--rtt", "40ms", "--no-warmup", "--seed", "7", "--",
                "run", "https://{server}/bytes/4000000", "-k", "--http", "2", "-c", "1", "-n", "3", "--json");
        assertEquals(3, j.at("/requests/ok").asLong(), j.toString());
        assertTrue(j.at("/latency_ms/p50").asDouble() < 1600, "4 MB in under 40 round trips: " + j.get("latency_ms"));
    }

    @Test
    void quiverServeFollowsTheClientThroughNatRebinding() throws Exception {
        // quiche moves to a new path only with a fresh connection ID of the client's, and the client may
        // issue only as many as the server's active_connection_id_limit: 64 now, once 2 (one rebinding).
        assertConnectionsSurviveRebinding("--no-warmup", "--seed", "7", "--", "run", "https://{server}/");
    }

    /** NAT rebinding every second from 5 s after the link started: one QUIC connection all along, on both engines, still answering at the end. */
    private static void assertConnectionsSurviveRebinding(String... labThenRun) throws Exception {
        for (String engine : List.of("netty", "kwik")) {
            // The NAT's clock starts with the link, before the server and the client have started: the first
            // rebinding after 5 s comes after the handshake (a rebinding inside it can end it: RFC 9000 9, the
            // handshake relies on a stable address), then one a second while the load runs.
            List<String> args = new java.util.ArrayList<>(List.of("lab", "--rtt", "20ms", "--rebind-port", "1s", "--rebind-first", "5s"));
            args.addAll(List.of(labThenRun));
            args.addAll(List.of("-k", "--http", "3", "--engine", engine, "-z", "7s", "-c", "1", "--json"));
            JsonNode j = runInLab(args.toArray(String[]::new));
            assertEquals(0, j.at("/streams/live").asLong());
            assertEquals(1, j.at("/connections/opened").asLong(), engine + ": one connection all along: " + j.get("connections"));
            assertEquals(0, j.at("/connections/lost").asLong(), engine);
            assertTrue(j.at("/link/nat_rebinds").asLong() >= 3, engine + ": the server saw new ports: " + j.get("link"));
            long lastSecond = j.get("intervals").get(j.get("intervals").size() - 2).get("completed").asLong();
            assertTrue(lastSecond > 0, engine + ": requests still complete after the rebindings: " + j.get("intervals"));
        }
    }

    @Test
    void sigtermToTheLabStopsTheCommandAsCtrlCWouldItsReportPrintsAndTheLabIsGone() throws Exception {
        Path stdout = Files.createTempFile("quiver-lab", ".out");
        Path stderr = Files.createTempFile("quiver-lab", ".err");
        Process lab = QuiverProcess.builder("lab", "--rtt", "20ms", "--no-warmup", "--seed", "3", "--",
                "run", "https://{server}/", "-k", "--http", "2", "-c", "2", "-z", "120s", "--json")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            // The lab's control socket says when requests are flowing (the client JVM may take seconds to get going)
            Path control = Path.of("/tmp", "qlab-" + lab.pid() + "-1", "control.sock");
            // (until the lab is set up, there is no control socket, or it does not answer yet)
            Await.until("200 packets through the lab", java.time.Duration.ofSeconds(120), lab, () ->
                    new ObjectMapper().readTree(dev.quiver.lab.control.ControlClient.link(control)).at("/to_server/forwarded").asLong() >= 200);
            lab.destroy();
            assertTrue(lab.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the lab ends");
            String out = Files.readString(stdout);
            String err = Files.readString(stderr);
            assertEquals(143, lab.exitValue(), err);
            assertTrue(out.startsWith("{"), "the client's report: " + out + "\nstderr: " + err);
            JsonNode j = new ObjectMapper().readTree(out);
            assertEquals("interrupted", j.get("stop_reason").asText(), "the client stopped as on Ctrl-C");
            assertEquals(0, j.at("/streams/live").asLong());
            assertTrue(j.at("/requests/ok").asLong() > 0);
            assertTrue(j.at("/link/to_server/forwarded").asLong() > 0, "the report still carries the link");
        } finally {
            lab.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    @Test
    void anyClientRunsWithClientCmdAndTheCountersFollow() throws Exception {
        var out = QuiverProcess.run(120, "lab", "--rtt", "20ms", "--seed", "1", "--no-warmup",
                "--client-cmd", "curl -sk https://{server}/ -o /dev/null -w 'status %{http_code}\\n'");
        assertEquals(0, out.exitCode(), out.stderr());
        assertTrue(out.stdout().startsWith("status 200\n"), out.stdout());
        assertTrue(out.stdout().matches("(?s).*Link \\(quiver lab\\):\n  198\\.18\\.0\\.1 -> 198\\.19\\.0\\.1, seed 1, "
                + "TCP congestion control [a-z0-9_]+\n  rtt 20\\.0 ms.*"), out.stdout());
    }
}
