package dev.quiver.cli.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code --metrics-listen}: serves {@code GET /metrics} from the JDK's own HTTP server on one thread
 * of its own, as text or, when the scrape's {@code Accept} asks for it, as protobuf (the format that
 * carries the native histogram; see {@link ExpositionFormat}). A scrape renders the last snapshot the reporter thread published; it takes no lock
 * the load takes, so a slow or stuck scraper cannot slow the run.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /** Listens on {@code address}; an {@link IllegalArgumentException} with one line when it cannot. */
    public static MetricsServer start(InetSocketAddress address, LiveMetrics metrics) {
        HttpServer s;
        try {
            s = HttpServer.create(address, 16);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot listen on " + shown(address) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot listen on " + shown(address) + ": " + e);
        }
        ExecutorService t = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "quiver-metrics");
            th.setDaemon(true);
            return th;
        });
        s.setExecutor(t);
        s.createContext("/", ex -> answer(ex, metrics));
        s.start();
        return new MetricsServer(s, t);
    }

    private static void answer(HttpExchange ex, LiveMetrics metrics) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/metrics")) {
                send(ex, 404, "text/plain; charset=utf-8", "not found: the page is /metrics\n");
            } else if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, "text/plain; charset=utf-8", "GET /metrics\n");
            } else if (ExpositionFormat.of(String.join(",", ex.getRequestHeaders().getOrDefault("Accept", List.of())))
                    == ExpositionFormat.PROTOBUF) {
                send(ex, 200, ProtobufPage.CONTENT_TYPE, metrics.protobufPage());
            } else {
                send(ex, 200, MetricsPage.CONTENT_TYPE, metrics.page());
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Vary", "Accept");
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Where it listens: the port is the one bound (0 in the flag picks a free one). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        return "http://" + shown(address()) + "/metrics";
    }

    private static String shown(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
