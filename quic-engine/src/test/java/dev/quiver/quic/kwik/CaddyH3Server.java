package dev.quiver.quic.kwik;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Caddy (quic-go) serving HTTP/3 on a free loopback port, for the length of a test: a
 * third-party HTTP/3 server. Its state (certificates, config) lives in a temporary directory;
 * it is stopped by its pid.
 */
final class CaddyH3Server implements AutoCloseable {

    static final Path CADDY = Path.of("/usr/bin/caddy");

    private final Path dir;
    private final Process process;
    private final int port;

    private CaddyH3Server(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(CADDY);
    }

    /** Starts Caddy answering every request with {@code 200 ok}, and waits until its UDP port is bound. */
    static CaddyH3Server start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("quiver-caddy-");
        int port = freePort();
        int admin = freePort();
        String caddyfile = """
                {
                	admin 127.0.0.1:%d
                	auto_https disable_redirects
                	local_certs
                	default_sni localhost
                	skip_install_trust
                	servers {
                		protocols h1 h2 h3
                	}
                }

                https://localhost:%d {
                	bind 127.0.0.1
                	tls internal
                	respond "ok" 200
                }
                """.formatted(admin, port);
        Path config = dir.resolve("Caddyfile");
        Files.writeString(config, caddyfile);
        ProcessBuilder pb = new ProcessBuilder(CADDY.toString(), "run", "--config", config.toString(),
                "--adapter", "caddyfile")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("caddy.log").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        CaddyH3Server server = new CaddyH3Server(dir, p, port);
        try {
            server.awaitUdpBound();
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "https://localhost:" + port + path;
    }

    private void awaitUdpBound() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("caddy exited: " + Files.readString(dir.resolve("caddy.log")));
            }
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                // still free: not listening yet
            } catch (BindException e) {
                Thread.sleep(100); // let the TLS certificate be issued as well
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("caddy did not bind UDP port " + port + ": " + Files.readString(dir.resolve("caddy.log")));
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (BindException e) {
                // UDP side taken: try another
            }
        }
        throw new IOException("no free port");
    }

    @Override
    public void close() {
        ProcessHandle h = process.toHandle();
        h.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (System.getenv("KWIK_KEEP_CADDY_LOG") != null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
