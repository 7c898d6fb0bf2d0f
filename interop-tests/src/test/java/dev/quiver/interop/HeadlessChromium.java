package dev.quiver.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol on a WebSocket: open a
 * page, evaluate JavaScript in it, take a screenshot, and collect every console error, uncaught
 * exception and network request the page made. Started with its own profile directory; stopped
 * (with the processes it spawned) by pid on close.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Console errors, uncaught exceptions and log errors, as one line each. */
    final List<String> errors = new CopyOnWriteArrayList<>();
    /** URLs the page asked the network for. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** The chromium binary on PATH, or an error that says how to install it. */
    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError("chromium is not installed: the HTML report test needs Debian's chromium "
                + "(./run-tests installs it; or run scripts/install-packages.sh chromium:chromium)");
    }

    HeadlessChromium() throws IOException, InterruptedException {
        profile = Files.createTempDirectory("quiver-chromium-");
        process = new ProcessBuilder(binary().toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + profile, "--window-size=1200,900", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String browserUrl = awaitDevToolsUrl();
            URI browser = URI.create(browserUrl);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    page = t.get("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium shows no page: " + targets);
            }
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(page), new Listener()).get(30, TimeUnit.SECONDS);
            for (String domain : List.of("Runtime", "Log", "Page", "Network")) {
                call(domain + ".enable", JSON.createObjectNode());
            }
        } catch (Exception e) {
            close();
            throw e instanceof IOException io ? io : new IOException("could not drive chromium: " + e, e);
        }
    }

    private String awaitDevToolsUrl() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    } else if (!url.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // chromium ended
            }
            url.completeExceptionally(new IOException("chromium ended before it listened: " + seen));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("chromium did not start its DevTools endpoint within 90 s: " + e.getMessage(), e);
        }
    }

    /** Opens {@code file} and waits for its load event. */
    void open(Path file) throws Exception {
        loaded = new CompletableFuture<>();
        ObjectNode p = JSON.createObjectNode().put("url", file.toUri().toString());
        call("Page.navigate", p);
        loaded.get(60, TimeUnit.SECONDS);
    }

    /** Evaluates {@code expression} in the page and returns its value. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("script failed in the page: " + r.get("exceptionDetails"));
        }
        return r.at("/result/value");
    }

    /** A PNG of the whole page. */
    byte[] screenshot() throws Exception {
        JsonNode size = evaluate("JSON.stringify([document.documentElement.scrollWidth, document.documentElement.scrollHeight])");
        JsonNode wh = JSON.readTree(size.asText());
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", wh.get(0).asInt())
                .put("height", wh.get(1).asInt()).put("scale", 1);
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        p.set("clip", clip);
        return java.util.Base64.getDecoder().decode(call("Page.captureScreenshot", p).get("data").asText());
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    private void onMessage(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                String level = p.at("/entry/level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    errors.add("log " + level + ": " + p.at("/entry/text").asText() + " " + p.at("/entry/url").asText());
                }
            }
            case "Network.requestWillBeSent" -> requests.add(p.at("/request/url").asText());
            default -> { }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    onMessage(JSON.readTree(text.toString()));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
