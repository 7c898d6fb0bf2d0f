package dev.quiver.interop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code nghttpd} (nghttp2's C server, one thread) on an ephemeral loopback port, serving
 * an 11-byte {@code index.html} over HTTP/2 with TLS: a server so cheap per request that the client
 * is the bottleneck, which is what a test of the client-bound check needs. Its certificate is made
 * with {@code openssl}; the process and its directory go when it is closed.
 */
final class Nghttpd implements AutoCloseable {

    private static final Path NGHTTPD = Path.of("/usr/sbin/nghttpd");

    final int port;
    private final Path dir;
    private final Process process;

    private Nghttpd(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    static Nghttpd start() throws Exception {
        if (!Files.isExecutable(NGHTTPD)) {
            throw new IllegalStateException("nghttpd is not installed at " + NGHTTPD
                    + " (./run-tests installs Debian's nghttp2-server package)");
        }
        Path dir = Files.createTempDirectory("quiver-nghttpd");
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
        Process p = new ProcessBuilder(NGHTTPD.toString(), "-d", dir.toString(), Integer.toString(port),
                dir.resolve("key.pem").toString(), dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nghttpd.log").toFile()).start();
        Nghttpd server = new Nghttpd(port, dir, p);
        try {
            Await.until("nghttpd listening on port " + port, Duration.ofSeconds(20), p, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                    return true;
                }
            });
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
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
