package dev.quiver.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Caddy (quic-go) serving a directory over HTTP/1.1, HTTP/2 and HTTP/3 on a free loopback
 * port, with {@code /} and the {@code /bytes/N} files the interop cases fetch; its state lives in a
 * temp directory, and it is stopped by pid.
 */
final class CaddyFileServer implements AutoCloseable {

    static final Path CADDY = Path.of("/usr/bin/caddy");

    private final Path dir;
    private final Process process;
    final int port;

    private CaddyFileServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts Caddy with a file {@code bytes/N} of N bytes for every given size. */
    static CaddyFileServer start(long... sizes) throws IOException, InterruptedException {
        if (!Files.isExecutable(CADDY)) {
            throw new IllegalStateException("Caddy is not installed at " + CADDY + " (./run-tests installs Debian's caddy package)");
        }
        Path dir = Files.createTempDirectory("quiver-caddy-interop");
        Path www = Files.createDirectories(dir.resolve("www/bytes"));
        Files.writeString(dir.resolve("www/index.html"), "ok from caddy\n");
        byte[] chunk = new byte[64 * 1024];
        for (long n : sizes) {
            try (OutputStream out = Files.newOutputStream(www.resolve(Long.toString(n)))) {
                for (long left = n; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
        }
        int port = freeTcpAndUdpPort();
        int admin = freeTcpAndUdpPort();
        String config = "{\n\tadmin 127.0.0.1:" + admin + "\n\tauto_https disable_redirects\n\tlocal_certs\n"
                + "\tskip_install_trust\n\tservers {\n\t\tprotocols h1 h2 h3\n\t}\n}\n\n"
                + "https://localhost:" + port + ", https://127.0.0.1:" + port + " {\n"
                + "\tbind 127.0.0.1\n\ttls internal\n\troot * " + dir.resolve("www") + "\n\tfile_server\n}\n";
        Path caddyfile = dir.resolve("Caddyfile");
        Files.writeString(caddyfile, config);
        Path log = dir.resolve("caddy.log");
        ProcessBuilder pb = new ProcessBuilder(CADDY.toString(), "run", "--config", caddyfile.toString(), "--adapter", "caddyfile")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        CaddyFileServer server = new CaddyFileServer(dir, pb.start(), port);
        try {
            server.awaitReady(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Ready when the HTTP/3 listener is up and the internal CA has issued the certificates. */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Caddy exited at start: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains("enabling HTTP/3 listener") && text.contains("certificate obtained successfully")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Caddy did not get ready within 20 s");
    }

    private static int freeTcpAndUdpPort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return udp.getLocalPort();
                } catch (IOException busy) {
                    // taken for UDP: try another
                }
            }
        }
        throw new IOException("no free loopback port for TCP and UDP");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
