package dev.quiver.lab.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Asks a lab's control socket for the link's parameters and counters, or to change the link. */
public final class ControlClient {

    private static final int MAX_REPLY = 1 << 20;

    private ControlClient() {
    }

    /** The control socket named by {@link ControlServer#ENVIRONMENT}, or null when not in a lab. */
    public static Path fromEnvironment() {
        String p = System.getenv(ControlServer.ENVIRONMENT);
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    /** The link's report as JSON text, as of now. */
    public static String link(Path socket) throws IOException {
        return ask(socket, "link");
    }

    /** One request ({@code link}, {@code set NAME=VALUE ...}, {@code restore}); the answer as JSON text. */
    public static String ask(Path socket, String request) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (c.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
                if (out.size() > MAX_REPLY) {
                    throw new IOException("the lab's answer is larger than " + MAX_REPLY + " bytes");
                }
            }
            return out.toString(StandardCharsets.UTF_8).strip();
        }
    }
}
