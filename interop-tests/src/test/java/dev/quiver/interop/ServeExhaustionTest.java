package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code quiver serve} under a file-descriptor limit far below the connections thrown at it: it
 * must keep serving, close what it cannot take, accept again when descriptors come back, count it
 * on {@code /metrics}, and leave no socket in CLOSE-WAIT. Until this was fixed, the first accept
 * failure's log warning killed an event loop and the server never answered again.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeExhaustionTest {

    /** The server's descriptor limit: the JVM needs about 60 of them, the rest is for connections. */
    private static final int LIMIT = 256;
    /** Connections of each flood: well above what the server can hold. */
    private static final String FLOOD = "600";
    /** The server's idle timeout: short, so that half-open connections go in a test's time. */
    private static final int IDLE_SECONDS = 2;

    private static final Pattern TLS = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+) \\(h2");
    private static final Pattern PLAIN = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern H3 = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+) \\(h3");

    private static Process server;
    private static Path stderr;
    private static int tlsPort;
    private static int plainPort;

    @BeforeAll
    static void startServerUnderALowLimit() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        stderr = Files.createTempFile("quiver-serve-exhaustion", ".err");
        List<String> java = QuiverProcess.builder(List.of("-Xmx256m"), "serve", "--port=0", "--plain-port=0",
                "--threads=2", "--idle-timeout=" + IDLE_SECONDS + "s").command();
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -n " + LIMIT + " && exec \"$@\"", "serve"));
        cmd.addAll(java);
        server = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        boolean http3 = false;
        long deadline = System.currentTimeMillis() + 30_000;
        String line;
        while ((tlsPort == 0 || plainPort == 0 || !http3) && System.currentTimeMillis() < deadline
                && (line = out.readLine()) != null) {
            Matcher m = TLS.matcher(line);
            if (m.find()) {
                tlsPort = Integer.parseInt(m.group(1));
            }
            m = PLAIN.matcher(line);
            if (m.find()) {
                plainPort = Integer.parseInt(m.group(1));
            }
            http3 |= H3.matcher(line).find();
        }
        assertTrue(tlsPort > 0 && plainPort > 0 && http3, "serve printed its ports; stderr: " + Files.readString(stderr));
        assertEquals("Hello, quiver\n", get("/", 5_000));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (stderr != null) {
            Files.deleteIfExists(stderr);
        }
    }

    @Test
    @Order(1)
    void aCleartextFloodBeyondTheLimitLeavesTheServerAnswering() throws Exception {
        var flood = QuiverProcess.run(120, "run", "http://127.0.0.1:" + plainPort + "/", "-c", FLOOD, "-n", "1500",
                "-t", "3s", "--no-progress");
        assertTrue(flood.exitCode() == 0 || flood.exitCode() == 3, "flood ended by itself: " + flood.stderr());
        assertAnswersWithin(5_000);
        assertTrue(metric("quiver_serve_accept_failures_total") > 0, "accept failures counted: " + get("/metrics", 5_000));
        assertNoCloseWait();
        // serve writes its notices from a once-a-second check of its counters: wait for the line, not a fixed time
        String log = awaitLog("quiver serve: out of file descriptors (limit " + LIMIT + ";", 5_000);
        assertFalse(log.contains("Exception") || log.contains("\tat "), "no stack trace: " + log);
    }

    /** serve's stderr once it holds {@code line}, or a failure naming what it held after {@code millis}. */
    private static String awaitLog(String line, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        String log = Files.readString(stderr);
        while (!log.contains(line) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            log = Files.readString(stderr);
        }
        assertTrue(log.contains(line), "serve's stderr within " + millis + " ms: " + log);
        return log;
    }

    @Test
    @Order(2)
    void aTlsHandshakeFloodBeyondTheLimitLeavesEveryProtocolAnswering() throws Exception {
        long failuresBefore = metric("quiver_serve_accept_failures_total");
        var flood = QuiverProcess.run(120, "run", "https://127.0.0.1:" + tlsPort + "/", "--insecure", "--http", "1.1",
                "-c", FLOOD, "-n", "1500", "-t", "3s", "--no-progress");
        assertTrue(flood.exitCode() == 0 || flood.exitCode() == 3, "flood ended by itself: " + flood.stderr());
        assertAnswersWithin(5_000);
        assertTrue(metric("quiver_serve_accept_failures_total") > failuresBefore, get("/metrics", 5_000));
        assertEquals(0, metric("quiver_serve_event_loop_errors_total"));
        String log = Files.readString(stderr);
        assertFalse(log.contains("Exception") || log.contains("\tat "), "no stack trace: " + log);
        for (String http : List.of("2", "3")) { // TLS over TCP and HTTP/3 over UDP both still serve
            var after = QuiverProcess.run(60, "run", "https://127.0.0.1:" + tlsPort + "/", "--insecure", "--http", http,
                    "-c", "2", "-n", "20", "--no-progress");
            assertEquals(0, after.exitCode(), "HTTP/" + http + " after the flood: " + after.stdout() + after.stderr());
            assertTrue(after.stdout().contains("[200] 20 responses"), after.stdout());
        }
        assertNoCloseWait();
    }

    @Test
    @Order(3)
    void halfOpenConnectionsBeyondTheLimitAreClosedOnceIdleAndTheServerAnswersAgain() throws Exception {
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * LIMIT; i++) { // connect, start a request head, never finish it, never leave
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", i % 2 == 0 ? plainPort : tlsPort), 2_000);
                    if (i % 2 == 0) {
                        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    // connect refused or the connection closed at once: the server had no descriptor for it
                }
                halfOpen.add(s);
            }
            // They still hold their sockets; the server must let go of its ends on its own and answer others.
            assertAnswersWithin(TimeUnit.SECONDS.toMillis(3 * IDLE_SECONDS + 10));
            long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(3 * IDLE_SECONDS + 5);
            while (metric("quiver_serve_open_connections") > 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200); // those still queued behind the first ones are accepted, then idle out too
            }
            assertTrue(metric("quiver_serve_open_connections") <= 1, "all idle connections closed (the one open is "
                    + "this scrape's): " + get("/metrics", 5_000));
        } finally {
            for (Socket s : halfOpen) {
                s.close();
            }
        }
        assertNoCloseWait();
        assertAnswersWithin(5_000);
    }

    private static void assertAnswersWithin(long millis) throws Exception {
        long t0 = System.nanoTime();
        long deadline = System.currentTimeMillis() + millis;
        String answer = null;
        while (answer == null && System.currentTimeMillis() < deadline) {
            try {
                answer = get("/", 1_000);
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertEquals("Hello, quiver\n", answer, "the server answers within " + millis + " ms of the flood's end");
        System.out.printf("serve answered %d ms after the flood ended%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Sockets of the server's ports in CLOSE-WAIT (peer gone, server never closed), from /proc/net/tcp*. */
    private static void assertNoCloseWait() throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        int count;
        do {
            count = closeWait();
            if (count > 0) {
                Thread.sleep(200);
            }
        } while (count > 0 && System.currentTimeMillis() < deadline);
        assertEquals(0, count, "sockets of the server left in CLOSE-WAIT");
    }

    private static int closeWait() throws IOException {
        String ports = String.format(":%04X :%04X", tlsPort, plainPort);
        int count = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(file);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String row : Files.readAllLines(p)) {
                String[] f = row.trim().split("\\s+");
                // sl local_address rem_address st ...; st 08 is CLOSE_WAIT
                if (f.length > 3 && f[3].equals("08") && ports.contains(f[1].substring(f[1].indexOf(':')))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static long metric(String name) throws IOException {
        for (String line : get("/metrics", 5_000).split("\n")) {
            if (line.startsWith(name + " ")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " missing from /metrics");
    }

    /** A plain HTTP/1.1 GET with a hard deadline, on a fresh connection. */
    private static String get(String path, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", plainPort), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream o = s.getOutputStream();
            o.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IOException("no answer: '" + response + "'");
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
