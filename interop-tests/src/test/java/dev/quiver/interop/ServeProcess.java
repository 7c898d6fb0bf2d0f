package dev.quiver.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
