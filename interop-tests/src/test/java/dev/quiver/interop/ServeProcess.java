package dev.quiver.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code quiver serve} on ephemeral ports in its own process; stopped by pid on close. */
final class ServeProcess implements AutoCloseable {

    private static final Pattern TLS = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern PLAIN = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final int tlsPort;
    final int plainPort;

    ServeProcess(String... faultFlags) throws IOException {
        this(List.of("-Xmx512m"), faultFlags);
    }

    /** A server in a JVM started with these flags (a leak check wants a heap that does not resize). */
    ServeProcess(List<String> jvmFlags, String... faultFlags) throws IOException {
        String[] args = new String[3 + faultFlags.length];
        args[0] = "serve";
        args[1] = "--port=0";
        args[2] = "--plain-port=0";
        System.arraycopy(faultFlags, 0, args, 3, faultFlags.length);
        process = QuiverProcess.builder(jvmFlags, args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int tls = -1;
        int plain = -1;
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.currentTimeMillis() + 20_000;
            String line;
            while ((tls < 0 || plain < 0) && System.currentTimeMillis() < deadline && (line = r.readLine()) != null) {
                Matcher m = TLS.matcher(line);
                if (m.find()) {
                    tls = Integer.parseInt(m.group(1));
                }
                m = PLAIN.matcher(line);
                if (m.find()) {
                    plain = Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        if (tls < 0 || plain < 0) {
            close();
            throw new IllegalStateException("quiver serve did not print its ports");
        }
        this.tlsPort = tls;
        this.plainPort = plain;
    }

    /**
     * One gauge of the server's {@code /metrics} page, asked for on a connection of its own that
     * closes after the answer: {@code quiver_serve_open_connections} counts that connection too.
     * The page runs a full collection for its heap gauge, which on a busy machine took over 2 s.
     */
    long gauge(String name) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), plainPort)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String page = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)").matcher(page);
            if (!m.find()) {
                throw new IOException("no gauge " + name + " on /metrics: " + page);
            }
            return Long.parseLong(m.group(1));
        }
    }

    /** Connections open at the server now, not counting the one that asks. */
    long openConnections() throws IOException {
        return gauge("quiver_serve_open_connections") - 1;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
