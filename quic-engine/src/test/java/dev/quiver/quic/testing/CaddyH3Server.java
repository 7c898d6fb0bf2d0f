package dev.quiver.quic.testing;

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
 * Debian's Caddy (quic-go) serving HTTP/3 on a free loopback port, with its own state in a temp
 * directory; stopped by pid. The third-party HTTP/3 server both HTTP/3 engines are tested against,
 * and the one the interop matrix runs against (through this module's test-jar).
 */
public final class CaddyH3Server implements AutoCloseable {

    public static final Path CADDY = Path.of("/usr/bin/caddy");

    private final Path dir;
    private final Process process;
    private final int port;

    private CaddyH3Server(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Caddy answering {@code ok} on every path.
     *
     * @param defaultSni whether Caddy picks the certificate for {@code localhost} when a client sends no SNI
     */
    public static CaddyH3Server start(boolean defaultSni) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("quiver-caddy");
        return start(dir, defaultSni, "https://localhost:%1$d", "\trespond \"ok\" 200\n");
    }

    /**
     * Starts Caddy serving files, for {@code localhost} and {@code 127.0.0.1}: {@code /} answers
     * {@code ok from caddy}, and {@code /bytes/N} has N bytes for every given size (as {@code quiver
     * serve} has them).
     */
    public static CaddyH3Server serveBytes(long... sizes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("quiver-caddy-files");
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
        return start(dir, false, "https://localhost:%1$d, https://127.0.0.1:%1$d",
                "\troot * " + dir.resolve("www") + "\n\tfile_server\n");
    }

    /**
     * Starts Caddy's {@code file_server} on a directory ({@link #www}) with only {@code index.html}, for {@code localhost}
     * and {@code 127.0.0.1}, as the QUIC interop runner's servers serve theirs.
     */
    public static CaddyH3Server serveDirectory() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("quiver-caddy-www");
        Files.writeString(Files.createDirectories(dir.resolve("www")).resolve("index.html"), "ok from caddy\n");
        return start(dir, false, "https://localhost:%1$d, https://127.0.0.1:%1$d",
                "\troot * " + dir.resolve("www") + "\n\tfile_server\n");
    }

    /** The directory {@link #serveDirectory} serves. */
    public Path www() {
        return dir.resolve("www");
    }

    /**
     * @param sites the site addresses, with {@code %1$d} for the port
     * @param handler the site's directives after {@code bind} and {@code tls}
     */
    private static CaddyH3Server start(Path dir, boolean defaultSni, String sites, String handler)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(CADDY)) {
            throw new IllegalStateException("Caddy is not installed at " + CADDY
                    + ": the HTTP/3 tests need it (./run-tests installs Debian's caddy package)");
        }
        int port = freeTcpAndUdpPort();
        int admin = freeTcpAndUdpPort();
        String config = "{\n"
                + "\tadmin 127.0.0.1:" + admin + "\n"
                + "\tauto_https disable_redirects\n"
                + "\tlocal_certs\n"
                + "\tskip_install_trust\n"
                + (defaultSni ? "\tdefault_sni localhost\n" : "")
                + "\tservers {\n\t\tprotocols h1 h2 h3\n\t}\n"
                + "}\n\n"
                + String.format(sites, port) + " {\n"
                + "\tbind 127.0.0.1\n"
                + "\ttls internal\n"
                + handler
                + "}\n";
        Path caddyfile = dir.resolve("Caddyfile");
        Files.writeString(caddyfile, config);
        Path log = dir.resolve("caddy.log");
        ProcessBuilder pb = new ProcessBuilder(CADDY.toString(), "run", "--config", caddyfile.toString(), "--adapter", "caddyfile")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        CaddyH3Server server = new CaddyH3Server(dir, p, port);
        try {
            server.awaitReady(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "https://localhost:" + port + path;
    }

    /** Ready when the HTTP/3 listener is up and the internal CA has issued the site's certificate. */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Caddy exited at start: " + tail(log));
            }
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains("enabling HTTP/3 listener") && text.contains("certificate obtained successfully")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Caddy did not get ready within 20 s: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    /** A port free for both TCP and UDP on loopback (Caddy serves HTTP/1.1+2 and HTTP/3 on the same number). */
    public static int freeTcpAndUdpPort() throws IOException {
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
