package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad {@code quiver serve} command lines and an environment that will not let it listen: each ends
 * at once with its documented exit code and exactly one line on stderr that names the flag and
 * what it allows, never a Java class name or a stack trace.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeBadInputTest {

    private static final int USAGE = 2;
    private static final int CANNOT_LISTEN = 3;
    /** A class name (java.lang.IllegalArgumentException, io.netty...) or a stack frame. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(java|javax|io\\.netty|dev\\.quiver|picocli)\\.[\\w.]+|Exception|\\tat ");

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                bad("--port must be -1 (none), 0 (any free port) or 1..65535, got 65536", "--port", "65536", "--plain-port", "0"),
                bad("--port must be -1 (none), 0 (any free port) or 1..65535, got -5", "--port", "-5", "--plain-port", "0"),
                bad("--plain-port must be -1 (none), 0 (any free port) or 1..65535, got 70000", "--port", "0", "--plain-port", "70000"),
                bad("--plain-port must be -1 (none), 0 (any free port) or 1..65535, got -2", "--port", "0", "--plain-port", "-2"),
                bad("nothing to serve: --port and --plain-port are both -1", "--port", "-1", "--plain-port", "-1"),
                bad("'abc' is not an int", "--port", "abc", "--plain-port", "0"),
                bad("--max-streams must be >= 1, got 0", "--max-streams", "0"),
                bad("--max-streams must be >= 1, got -1", "--max-streams", "-1"),
                bad("'99999999999' is not an int", "--max-streams", "99999999999"),
                bad("--threads must be 1..256, got 0", "--threads", "0"),
                bad("--threads must be 1..256, got 100000", "--threads", "100000"),
                bad("--cert-chain must be 1..32, got 0", "--cert-chain", "0"),
                bad("--cert-chain must be 1..32, got 33", "--cert-chain", "33"),
                bad("--goaway-every must be >= 1, got 0", "--goaway-every", "0"),
                bad("--close-every must be >= 1, got -1", "--close-every", "-1"),
                bad("--reset-every must be >= 1, got 0", "--reset-every", "0"),
                bad("--stall-every must be >= 1, got -2", "--stall-every", "-2"),
                bad("--silent-close-every must be >= 1, got 0", "--silent-close-every", "0"),
                bad("--leak-bytes-per-request must be 1..1048576, got 0", "--leak-bytes-per-request", "0"),
                bad("--leak-bytes-per-request must be 1..1048576, got -1", "--leak-bytes-per-request", "-1"),
                bad("--leak-bytes-per-request must be 1..1048576, got 2000000", "--leak-bytes-per-request", "2000000"),
                bad("--idle-timeout must be 0 (never) or 100ms..24h, got 5ms", "--idle-timeout", "5ms"),
                bad("--idle-timeout must be 0 (never) or 100ms..24h, got 90000000ms", "--idle-timeout", "25h"),
                bad("invalid duration 'soon'", "--idle-timeout", "soon"),
                bad("--retry is for HTTP/3, which --no-http3 turns off", "--retry", "--no-http3"),
                bad("--silent-close-every is for HTTP/3, which --port -1 turns off", "--silent-close-every", "3", "--port", "-1"),
                bad("--host must not be empty", "--host", ""),
                bad("--host no.such.host.invalid does not resolve to an address", "--host", "no.such.host.invalid"),
                bad("--www /nonexistent/quiver-www: no such directory", "--www", "/nonexistent/quiver-www"),
                bad("--www pom.xml: not a directory", "--www", "pom.xml"),
                bad("Unmatched argument", "extra"),
                Arguments.of(CANNOT_LISTEN, "cannot listen on 192.0.2.1: not an address of this machine",
                        List.of("--host", "192.0.2.1", "--port", "0", "--plain-port", "0")));
    }

    /** A usage error; ports default to ephemeral ones unless the case sets them. */
    private static Arguments bad(String expected, String... args) {
        return Arguments.of(USAGE, expected, List.of(args));
    }

    @ParameterizedTest(name = "serve {2} -> exit {0}")
    @MethodSource("badCommandLines")
    void badInputIsOneLineAndADocumentedExitCode(int exit, String expected, List<String> args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("serve"));
        if (!args.contains("--port")) {
            cmd.addAll(List.of("--port", "0"));
        }
        if (!args.contains("--plain-port")) {
            cmd.addAll(List.of("--plain-port", "0"));
        }
        cmd.addAll(args);
        assertOneLine(run(cmd.toArray(String[]::new)), exit, expected);
    }

    /**
     * quiver with name lookups answered from an empty hosts file, so that a host name that does
     * not resolve never becomes a DNS query leaving the machine.
     */
    private static QuiverProcess.Outcome run(String... args) throws Exception {
        Path noHosts = Files.createTempFile("quiver-no-hosts", ".txt");
        try {
            Process p = QuiverProcess.builder(List.of("-Xmx256m", "-Djdk.net.hosts.file=" + noHosts), args).start();
            try {
                return QuiverProcess.collect(p, 30);
            } finally {
                p.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(noHosts);
        }
    }

    @Test
    void aPortInUseOnTcpIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertOneLine(run("serve", "--port", String.valueOf(port), "--plain-port", "0", "--no-http3"),
                    CANNOT_LISTEN, "quiver: port " + port + " (TCP) is already in use");
            assertOneLine(run("serve", "--port", "-1", "--plain-port", String.valueOf(port)),
                    CANNOT_LISTEN, "quiver: port " + port + " (TCP) is already in use");
        }
    }

    @Test
    void aPortInUseOnUdpIsOneClearLine() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = taken.getLocalPort();
            // TCP may take the same number (another protocol); HTTP/3 cannot: nothing stays listening.
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                probe.close();
            } catch (java.io.IOException tcpTakenToo) {
                org.junit.jupiter.api.Assumptions.abort("TCP port " + port + " is taken as well");
            }
            assertOneLine(run("serve", "--port", String.valueOf(port), "--plain-port", "0"),
                    CANNOT_LISTEN, "quiver: port " + port + " (UDP) is already in use");
        }
    }

    private static void assertOneLine(QuiverProcess.Outcome out, int exit, String expected) {
        String err = out.stderr().strip();
        assertEquals(exit, out.exitCode(), "exit code; stderr: " + err);
        assertEquals(1, err.lines().count(), "exactly one line on stderr: " + err);
        assertTrue(err.startsWith("quiver: ") && err.contains(expected), "expected '" + expected + "' in: " + err);
        assertFalse(CLASS_NAME.matcher(err).find(), "no class name or stack trace: " + err);
        assertEquals("", out.stdout(), "nothing on stdout");
    }
}
