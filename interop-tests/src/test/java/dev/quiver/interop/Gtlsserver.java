package dev.quiver.interop;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code gtlsserver} (ngtcp2 and nghttp3, C, one thread) on an ephemeral loopback UDP port,
 * serving an 11-byte {@code index.html} over HTTP/3: a server several times cheaper per request than
 * quiver's HTTP/3 client, so the client is the bottleneck, which is what a test of the client-bound
 * check needs. (Against nghttpd over HTTP/2 the lean HTTP/2 client now runs near the server's own
 * limit: not certain enough.) Its certificate is made with {@code openssl}; the process and its
 * directory go when it is closed.
 */
final class Gtlsserver implements AutoCloseable {

    private static final Path GTLSSERVER = Path.of("/usr/sbin/gtlsserver");

    final int port;
    private final Path dir;
    private final Process process;

    private Gtlsserver(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    static Gtlsserver start() throws Exception {
        if (!Files.isExecutable(GTLSSERVER)) {
            throw new IllegalStateException("gtlsserver is not installed at " + GTLSSERVER
                    + " (./run-tests installs Debian's ngtcp2-server package)");
        }
        Path dir = Files.createTempDirectory("quiver-gtlsserver");
        Files.writeString(dir.resolve("index.html"), "hello world", StandardCharsets.US_ASCII);
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            openssl.destroyForcibly();
            throw new IllegalStateException("openssl could not make a certificate: "
                    + Files.readString(dir.resolve("openssl.log")));
        }
        int port = freePort();
        Process p = new ProcessBuilder(GTLSSERVER.toString(), "-q", "-d", dir.toString(), "127.0.0.1", Integer.toString(port),
                dir.resolve("key.pem").toString(), dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gtlsserver.log").toFile()).start();
        Gtlsserver server = new Gtlsserver(port, dir, p);
        // 127.0.0.1:port as /proc/net/udp writes a bound local address
        String bound = String.format(" 0100007F:%04X ", port);
        try {
            Await.until("gtlsserver bound to UDP port " + port, Duration.ofSeconds(20), p,
                    () -> Files.readString(Path.of("/proc/net/udp")).contains(bound));
        } catch (AssertionError | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
