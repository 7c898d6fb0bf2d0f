package dev.quiver.core.interop.cases;

import dev.quiver.core.engine.Target;
import dev.quiver.core.interop.BodyDigest;
import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.EarlyData;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.InteropEngine;
import dev.quiver.core.interop.InteropSettings;
import dev.quiver.core.interop.KeyPhases;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resources;
import dev.quiver.core.interop.Response;
import dev.quiver.core.interop.StreamUse;
import dev.quiver.core.interop.UnsupportedCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * An engine whose connections observe what the test scripts, and whose server is a file server:
 * with {@code --www} it answers the files a case wrote into the directory, without it one named
 * resource. The cases' judgement is tested against it; the real engines are tested end to end.
 */
final class FakeEngine implements InteropEngine {

    /** What the scripted server does and what its connections observe (tests set the fields). */
    String version = "v1";
    String alpn = "h3";
    String cipher = "TLS_AES_128_GCM_SHA256";
    int retries;
    int initials = 1;
    boolean ticket = true;
    boolean resumes = true;
    long initialCredit = 100;
    int creditRaises = 3;
    int maxOpen = -1;
    int beyondCredit;
    int creditFrames = -1;
    /** GOAWAY after this many requests on a connection, or never (-1). */
    int goawayAfter = -1;
    EarlyData early;
    KeyPhases keyPhases = new KeyPhases(1, 1);
    /** The named resource's body (without --www). */
    byte[] named = "ok".getBytes();
    /** The status of every response (a server that does not have the files: 404). */
    int status = 200;
    /** Changes a body before it is "sent" (a corrupting server). */
    Function<byte[], byte[]> tamper = b -> b;
    /** The options of every client the case asked for. */
    final List<ClientOptions> clients = new ArrayList<>();
    int connections;
    /** The authority each client connects to ({@code 127.0.0.1:4433}, {@code [::1]:4433}). */
    final List<String> targets = new ArrayList<>();
    /** How long {@code getAsync} takes to complete (a download under way). */
    long asyncMillis;

    /** The lab's link as the case sees it, or null outside a lab. */
    FakeLink link;
    /** Values of the cases' settings ({@code --case-setting}), keyed {@code case.name}. */
    Map<String, Long> caseSettings = Map.of();
    /** Connections each connect took (a stalled handshake tried again: 2). */
    int attempts = 1;
    /** The path validation the connections saw, or null for a stack that cannot tell. */
    dev.quiver.core.interop.PathValidation paths;
    /** The server's preferred_address as the connections report it ("" none), or null for a stack that cannot tell. */
    String preferred;
    /** Whether a move to the preferred address validates (true), fails (false), or the stack cannot move (null). */
    Boolean migrates;
    /** How long {@code get} takes (a download over a slow link). */
    long getMillis;

    private InteropSettings settings;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String homepage() {
        return "https://example.org/fake";
    }

    @Override
    public InteropClient client(InteropSettings s, ClientOptions o) {
        clients.add(o);
        targets.add(s.target().authority());
        return new InteropClient() {
            @Override
            public InteropConnection connect() {
                connections++;
                return new Connection();
            }

            @Override
            public InteropConnection connectEarly(String path) {
                return connect();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Runs a case as the session would: with files in {@code www}, or the named resource when it is null. */
    Outcome run(InteropCase c, Path www) throws Exception {
        settings = new InteropSettings(Target.parse("https://127.0.0.1:4433/index"), true, Duration.ofSeconds(5),
                null, c.id(), www, null, link, caseSettings);
        try (CaseRun run = new CaseRun(this, settings, Resources.of(settings))) {
            return c.run(run);
        } catch (UnsupportedCase e) {
            return Outcome.unsupported(e.getMessage());
        }
    }

    private final class Connection implements InteropConnection {
        private int requests;

        @Override
        public Response get(String path) throws IOException {
            if (getMillis > 0) {
                try {
                    Thread.sleep(getMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            byte[] body;
            if (settings.www() != null) {
                Path f = settings.www().resolve(path.substring(path.lastIndexOf('/') + 1));
                if (!Files.exists(f)) {
                    return new Response(4L * requests++, 404, 0, 0, 2, BodyDigest.of(new byte[0]));
                }
                body = Files.readAllBytes(f);
            } else {
                body = named;
            }
            body = tamper.apply(body);
            return new Response(4L * requests++, status, body.length, body.length, 3, BodyDigest.of(body));
        }

        @Override
        public Future<Response> getAsync(String path) {
            if (asyncMillis == 0) {
                try {
                    return CompletableFuture.completedFuture(get(path));
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return get(path);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, CompletableFuture.delayedExecutor(asyncMillis, java.util.concurrent.TimeUnit.MILLISECONDS));
        }

        @Override
        public List<Response> getAll(List<String> paths) throws IOException {
            List<Response> out = new ArrayList<>();
            for (String p : paths) {
                out.add(get(p));
            }
            return out;
        }

        @Override
        public String quicVersion() {
            return version;
        }

        @Override
        public String alpn() {
            return alpn;
        }

        @Override
        public String cipherSuite() {
            return cipher;
        }

        @Override
        public int initialsSent() {
            return initials;
        }

        @Override
        public dev.quiver.core.interop.PathValidation pathValidation() throws UnsupportedCase {
            if (paths == null) {
                throw new UnsupportedCase("this stack hides path validation");
            }
            return paths;
        }

        @Override
        public String preferredAddress() throws UnsupportedCase {
            if (preferred == null) {
                throw new UnsupportedCase("this stack hides the server's transport parameters");
            }
            return preferred;
        }

        @Override
        public String migrateToPreferredAddress() throws Exception {
            if (migrates == null) {
                throw new UnsupportedCase("this stack does not migrate");
            }
            if (!migrates) {
                throw new IOException("no PATH_RESPONSE in 3 s");
            }
            return "PATH_CHALLENGE to " + preferred + " answered";
        }

        @Override
        public int handshakeAttempts() {
            return attempts;
        }

        @Override
        public int retriesReceived() {
            return retries;
        }

        @Override
        public boolean resumed() {
            return resumes && connections > 1;
        }

        @Override
        public boolean awaitSessionTicket(long millis) {
            return ticket;
        }

        @Override
        public StreamUse streams() {
            return new StreamUse(initialCredit, creditRaises, maxOpen, beyondCredit);
        }

        @Override
        public int creditFramesSent() {
            return creditFrames;
        }

        @Override
        public long goawayId(long millis) {
            return goawayAfter >= 0 && requests >= goawayAfter ? 4L * goawayAfter : -1;
        }

        @Override
        public EarlyData earlyData(long millis) {
            return early;
        }

        @Override
        public void startKeyUpdate() {
        }

        @Override
        public KeyPhases keyPhases() throws UnsupportedCase {
            if (keyPhases == null) {
                throw new UnsupportedCase("this stack hides the key phase");
            }
            return keyPhases;
        }

        @Override
        public void close() {
        }
    }
}
