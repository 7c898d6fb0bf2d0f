package dev.quiver.lab.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lab's control socket: a Unix domain socket, reachable from both namespaces (a path in the
 * file system is not part of the network namespace). A client connects, writes one line naming
 * what it wants, and gets one JSON document back; the connection then closes: {@code link} (the
 * link's report), {@code set NAME=VALUE ...} (restart the link with these impairments, in the lab's
 * flag names: what an interop case needs) and {@code restore} (restart it with the lab's own).
 * Each connection is answered on its own virtual thread, at most {@value #MAX_CLIENTS} at once, so
 * a client that never finishes its line holds up nobody and the server cannot grow without bound.
 */
public final class ControlServer implements AutoCloseable {

    /** The environment variable that tells a program it runs in a lab, and where to ask. */
    public static final String ENVIRONMENT = "QUIVER_LAB_CONTROL";

    private static final int MAX_REQUEST = 256;
    private static final int MAX_CLIENTS = 16;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Thread thread;
    private final Supplier<Map<String, Object>> link;
    /** Answers the requests other than {@code link}; null when the lab takes none. */
    private final Function<String, Map<String, Object>> commands;
    private final Semaphore clients = new Semaphore(MAX_CLIENTS);

    private ControlServer(Path path, ServerSocketChannel channel, Supplier<Map<String, Object>> link,
                          Function<String, Map<String, Object>> commands) {
        this.path = path;
        this.channel = channel;
        this.link = link;
        this.commands = commands;
        this.thread = new Thread(this::serve, "lab-control");
        this.thread.setDaemon(true);
    }

    /** Listens on {@code path} and answers {@code link} with what {@code link} supplies then. */
    public static ControlServer start(Path path, Supplier<Map<String, Object>> link) throws IOException {
        return start(path, link, null);
    }

    /** As {@link #start(Path, Supplier)}; every other request goes to {@code commands}, which answers it. */
    public static ControlServer start(Path path, Supplier<Map<String, Object>> link,
                                      Function<String, Map<String, Object>> commands) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        ControlServer s = new ControlServer(path, ch, link, commands);
        s.thread.start();
        return s;
    }

    public Path path() {
        return path;
    }

    private void serve() {
        while (channel.isOpen()) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (IOException e) {
                continue; // closed (the loop ends), or one failed accept
            }
            if (!clients.tryAcquire()) {
                closeQuietly(c);
                continue;
            }
            Thread.ofVirtual().name("lab-control-client").start(() -> {
                try (c) {
                    answer(c);
                } catch (IOException e) {
                    // the client went away
                } finally {
                    clients.release();
                }
            });
        }
    }

    private void answer(SocketChannel c) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST);
        while (in.hasRemaining()) {
            if (c.read(in) < 0 || new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).contains("\n")) {
                break;
            }
        }
        String request = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).strip();
        String reply = request.equals("link") ? JsonText.write(link.get())
                : commands != null ? JsonText.write(commands.apply(request))
                : JsonText.write(Map.of("error", "unknown request (ask: link)"));
        ByteBuffer out = ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            c.write(out);
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the directory goes with the lab
        }
    }
}
