package dev.quiver.quic.kwik.interop;

import dev.quiver.core.interop.BodyDigest;
import dev.quiver.core.interop.EarlyData;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.InteropSettings;
import dev.quiver.core.interop.KeyPhases;
import dev.quiver.core.interop.Response;
import dev.quiver.core.interop.StreamUse;
import dev.quiver.core.interop.UnsupportedCase;
import dev.quiver.quic.kwik.GoawayReadingConnection;
import dev.quiver.quic.kwik.KwikQlog;
import dev.quiver.quic.udp.ReceiveBuffer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicSessionTicket;
import tech.kwik.core.QuicStream;
import tech.kwik.core.impl.TransportParameters;

/**
 * One Kwik QUIC connection with a Flupke HTTP/3 connection on it, as an interop case needs it:
 * version, cipher suite, session ticket and receive window as asked, a {@link WireTap} as its
 * logger, and an optional request sent as 0-RTT.
 */
final class KwikInteropConnection implements InteropConnection {

    static {
        dev.quiver.quic.kwik.KwikProcessSettings.apply();
    }

    /** What a case asks of a connection; null or 0 means Kwik's default. */
    record Options(QuicConnection.QuicVersion preferredVersion, String cipherSuite, QuicSessionTicket ticket,
                   long streamReceiveBuffer, byte[] earlyRequest) {
        static Options plain() {
            return new Options(null, null, null, 0, null);
        }
    }

    final QuicClientConnection quic;
    final WireTap tap;
    private final GoawayReadingConnection http3;
    /** The stream id of the server's latest GOAWAY, or -1. */
    private final AtomicLong goawayId;
    private final ExecutorService peerStreams;
    private final String authority;
    /** The request stream sent as 0-RTT, or null. */
    final QuicStream earlyStream;
    /** The server's initial_max_streams_bidi, or -1 when Kwik did not tell. */
    private final long initialCredit;
    private final long timeoutMillis;
    /** Requests sent without waiting ({@link #getAsync}, {@link #getAll}); ended at {@link #close}. */
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    private KwikInteropConnection(QuicClientConnection quic, WireTap tap, GoawayReadingConnection http3, AtomicLong goawayId,
                                  ExecutorService peerStreams, String authority, QuicStream earlyStream,
                                  long initialCredit, long timeoutMillis) {
        this.initialCredit = initialCredit;
        this.timeoutMillis = timeoutMillis;
        this.quic = quic;
        this.tap = tap;
        this.http3 = http3;
        this.peerStreams = peerStreams;
        this.authority = authority;
        this.earlyStream = earlyStream;
        this.goawayId = goawayId;
    }

    /** Longest wait for one handshake attempt; a stalled one (see {@link dev.quiver.quic.kwik.HandshakeTap}) is tried again. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    static KwikInteropConnection open(InteropSettings s, Options o) throws Exception {
        WireTap first = new WireTap();
        try {
            return attempt(s, o, first);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // A stalled handshake or a Kwik exception (Kwik's races), or one that timed out on a busy
            // machine, is no answer from the server about the case: one more attempt, within the case's timeout.
            boolean timedOut = e instanceof ConnectException && String.valueOf(e.getMessage()).contains("timed out");
            if (!first.handshakeStalled() && !first.kwikFault() && !timedOut) {
                throw e;
            }
            KwikInteropConnection second = attempt(s, o, new WireTap());
            second.attempts = 2;
            return second;
        }
    }

    /** Connections started for this one: 2 when the first attempt's handshake was given up. */
    private volatile int attempts = 1;

    @Override
    public dev.quiver.core.interop.PathValidation pathValidation() {
        return new dev.quiver.core.interop.PathValidation(tap.pathChallengesReceived.get(), tap.pathResponsesSent.get(),
                tap.unansweredChallenges());
    }

    @Override
    public int handshakeAttempts() {
        return attempts;
    }

    private static KwikInteropConnection attempt(InteropSettings s, Options o, WireTap tap) throws Exception {
        // A third of the case's time, at least ATTEMPT_TIMEOUT when the case has that: a stalled first attempt
        // leaves time for a second, and a handshake through heavy loss (handshakeloss: 300 s) may take its PTOs.
        Duration third = s.caseTimeout().dividedBy(3);
        Duration timeout = s.caseTimeout().compareTo(ATTEMPT_TIMEOUT.multipliedBy(3)) < 0 ? third
                : third.compareTo(ATTEMPT_TIMEOUT) > 0 ? third : ATTEMPT_TIMEOUT;
        String authority = s.target().authority();
        QuicClientConnection.Builder b = QuicClientConnection.newBuilder()
                .socketFactory(ReceiveBuffer::kwikSocket)
                // With the port always: Kwik takes a URI without one (https://host/ on 443) as port -1.
                .uri(URI.create("https://" + hostAndPort(s)))
                .applicationProtocol("h3")
                .connectTimeout(timeout)
                .maxIdleTimeout(Duration.ofSeconds(30))
                .maxOpenPeerInitiatedUnidirectionalStreams(3)
                .maxOpenPeerInitiatedBidirectionalStreams(0)
                .logger(tap);
        if (o.preferredVersion() != null) {
            // Compatible version negotiation (RFC 9368): start in v1, offer the preferred one.
            b.initialVersion(QuicConnection.QuicVersion.V1).preferredVersion(o.preferredVersion());
        } else {
            b.version(QuicConnection.QuicVersion.V1);
        }
        if (o.cipherSuite() != null) {
            restrictCipher(b, o.cipherSuite());
        }
        if (o.ticket() != null) {
            b.sessionTicket(o.ticket());
        }
        if (o.streamReceiveBuffer() > 0) {
            b.defaultStreamReceiveBufferSize(o.streamReceiveBuffer());
        }
        if (s.insecure()) {
            b.noServerCertificateCheck();
        }
        java.nio.file.Path qlog = s.claimQlog("kwik");
        if (qlog != null) {
            try {
                tap.qlog(KwikQlog.create(qlog, "quiver interop, kwik engine, case " + s.caseId() + ", to " + authority));
            } catch (IOException e) {
                // no file for this connection; the case runs as without --qlog
            }
        }
        QuicClientConnection quic;
        try {
            quic = b.build();
        } catch (Exception e) {
            tap.closeQlog();
            throw e;
        }
        ExecutorService peerStreams = Executors.newVirtualThreadPerTaskExecutor();
        // Before connecting: Flupke takes over the server's control and QPACK streams from the start.
        GoawayReadingConnection http3 = new GoawayReadingConnection(quic, peerStreams);
        AtomicLong goawayId = new AtomicLong(-1);
        http3.onGoaway(goawayId::set);
        QuicStream early = null;
        long credit;
        try {
            if (o.earlyRequest() != null) {
                List<QuicStream> streams = quic.connect(List.of(new QuicClientConnection.StreamEarlyData(o.earlyRequest(), true)));
                early = streams.isEmpty() ? null : streams.get(0);
            } else {
                quic.connect();
            }
            if (!tap.awaitConfirmed(timeout.toMillis())) {
                throw new IOException("the server never confirmed the handshake (no HANDSHAKE_DONE)");
            }
            http3.connect(); // opens the control stream and sends SETTINGS
            credit = initialBidiCredit(quic);
            tap.initialStreamCredit(credit);
        } catch (ConnectException e) {
            close(quic, peerStreams);
            tap.closeQlog();
            // Kwik says "Handshake error: " with nothing after it when it closed the connection itself.
            String why = tap.lastError();
            if (why != null && e.getMessage() != null && e.getMessage().strip().endsWith(":")) {
                ConnectException said = new ConnectException(e.getMessage().strip() + " " + why);
                said.initCause(e);
                throw said;
            }
            throw e;
        } catch (Exception e) {
            close(quic, peerStreams);
            tap.closeQlog();
            throw e;
        }
        return new KwikInteropConnection(quic, tap, http3, goawayId, peerStreams, authority, early, credit,
                s.caseTimeout().toMillis());
    }

    private static String hostAndPort(InteropSettings s) {
        String h = s.target().host();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + s.target().port();
    }

    /** GET {@code path}; blocks, also while the server's stream credit is used up. */
    @Override
    public Response get(String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("https://" + authority + path))
                .header("user-agent", "quiver-interop").GET().build();
        long before = tap.streamsOpened();
        HttpResponse<byte[]> got = http3.send(r, HttpResponse.BodyHandlers.ofByteArray());
        long opened = tap.streamsOpened();
        // One request at a time (as the goaway case sends them), the stream it used is the highest one opened.
        long streamId = opened > before ? 4 * (opened - 1) : -1;
        byte[] body = got.body();
        return new Response(streamId, got.statusCode(), got.headers().firstValueAsLong("content-length").orElse(-1),
                body.length, got.headers().map().size() + 1, BodyDigest.of(body));
    }

    @Override
    public Future<Response> getAsync(String path) {
        return requests.submit(() -> get(path));
    }

    @Override
    public List<Response> getAll(List<String> paths) throws Exception {
        List<Future<Response>> all = new ArrayList<>(paths.size());
        for (String p : paths) {
            all.add(getAsync(p));
        }
        List<Response> out = new ArrayList<>(paths.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Future<Response> f : all) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            out.add(f.get(left, TimeUnit.MILLISECONDS));
        }
        return out;
    }

    /** The stream id of the server's latest GOAWAY, waiting up to {@code millis} for one; -1 when none came. */
    @Override
    public long goawayId(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (goawayId.get() < 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return goawayId.get();
    }

    @Override
    public String quicVersion() {
        QuicConnection.QuicVersion v = quic.getQuicVersion();
        return v == null ? null : v.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String alpn() {
        return tap.serverAlpn.get();
    }

    @Override
    public String cipherSuite() throws UnsupportedCase {
        String s = selectedCipher();
        if (s == null) {
            throw new UnsupportedCase("this Kwik version does not tell the cipher suite");
        }
        return s;
    }

    @Override
    public int initialsSent() {
        return tap.initialsSent.get();
    }

    @Override
    public int retriesReceived() {
        return tap.retries.get();
    }

    @Override
    public boolean resumed() {
        return !sawServerCertificate();
    }

    @Override
    public boolean awaitSessionTicket(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (quic.getNewSessionTickets().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return !quic.getNewSessionTickets().isEmpty();
    }

    /** The latest session ticket the server sent on this connection, or null. */
    QuicSessionTicket latestTicket() {
        List<QuicSessionTicket> tickets = quic.getNewSessionTickets();
        return tickets.isEmpty() ? null : tickets.get(tickets.size() - 1);
    }

    @Override
    public StreamUse streams() {
        return new StreamUse(initialCredit, tap.maxStreamsReceived.get(), -1, tap.streamsBeyondCredit.get());
    }

    @Override
    public int creditFramesSent() {
        return tap.maxDataSent.get();
    }

    @Override
    public EarlyData earlyData(long millis) throws Exception {
        String status = earlyDataStatus();
        if (earlyStream == null) {
            return new EarlyData(false, false, null, "Kwik sent no 0-RTT stream (early data status " + status + ")");
        }
        Response r;
        try {
            r = requests.submit(() -> EarlyRequest.read(earlyStream)).get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return new EarlyData(true, false, null, "request sent as 0-RTT; early data " + describe(status));
        }
        boolean accepted = "Accepted".equals(status);
        return new EarlyData(true, accepted, r, "request sent as 0-RTT; early data " + describe(status));
    }

    /** Kwik's early data status in words: Requested after the handshake means the server declined it. */
    private static String describe(String status) {
        return switch (status) {
            case "Accepted" -> "accepted by the server";
            case "Requested", "Refused" -> "declined by the server (Kwik resends it as 1-RTT)";
            default -> "status " + status;
        };
    }

    @Override
    public void startKeyUpdate() {
        updateKeys();
    }

    @Override
    public String preferredAddress() throws UnsupportedCase {
        Object peer = call(quic, "getPeerTransportParameters");
        TransportParameters.PreferredAddress a = peer instanceof TransportParameters p ? p.getPreferredAddress() : null;
        if (a == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (a.getIp4() != null && a.getIp4Port() != 0) {
            s.append(a.getIp4().getHostAddress()).append(':').append(a.getIp4Port());
        }
        if (a.getIp6() != null && a.getIp6Port() != 0) {
            s.append(s.isEmpty() ? "" : " ").append('[').append(a.getIp6().getHostAddress()).append("]:").append(a.getIp6Port());
        }
        return s.isEmpty() ? "(all-zero addresses)" : s.toString();
    }

    @Override
    public String migrateToPreferredAddress() throws UnsupportedCase {
        // Kwik validates the parameter (a non-empty connection id) and keeps the server's original address.
        throw new UnsupportedCase("Kwik 0.10.8's client checks a server's preferred_address but never migrates to it");
    }

    @Override
    public KeyPhases keyPhases() throws UnsupportedCase {
        if (!tap.seesKeyPhase()) {
            throw new UnsupportedCase("this Kwik version hides the key phase of its packets");
        }
        return new KeyPhases(tap.keyPhaseChangesSent.get(), tap.keyPhaseChangesReceived.get());
    }

    /** A resumed (PSK) handshake carries no server certificate. */
    boolean sawServerCertificate() {
        List<X509Certificate> chain = quic.getServerCertificateChain();
        return chain != null && !chain.isEmpty();
    }

    /** Kwik's view of 0-RTT: None, Requested, Accepted or Refused (on its implementation class only). */
    String earlyDataStatus() {
        return String.valueOf(call(quic, "getEarlyDataStatus"));
    }

    /** The TLS cipher suite the handshake settled on, or null when Kwik does not tell. */
    String selectedCipher() {
        try {
            Object engine = call(quic, "getTlsEngine");
            return engine == null ? null : String.valueOf(call(engine, "getSelectedCipher"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Starts a key update (Kwik: only once the handshake is confirmed). */
    void updateKeys() {
        call(quic, "updateKeys");
    }

    @Override
    public void close() {
        requests.shutdownNow(); // requests still blocked end as the connection closes
        close(quic, peerStreams);
        tap.closeQlog(); // Kwik ended it at its close already, unless the connection was gone before
    }

    private static void close(QuicClientConnection quic, ExecutorService peerStreams) {
        try {
            quic.close();
        } catch (RuntimeException e) {
            // already gone
        }
        peerStreams.shutdownNow();
    }

    private static long initialBidiCredit(QuicClientConnection quic) {
        Object params = call(quic, "getPeerTransportParameters");
        return params == null ? -1 : ((Number) call(params, "getInitialMaxStreamsBidi")).longValue();
    }

    /**
     * Kwik offers cipher choice, key update, 0-RTT status and the peer's transport parameters only
     * with types of its TLS library, which is not on quiver's compile path; reflection reaches them.
     */
    private static void restrictCipher(QuicClientConnection.Builder b, String suite) throws ReflectiveOperationException {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<? extends Enum> type = (Class<? extends Enum>) Class.forName("tech.kwik.agent15.TlsConstants$CipherSuite");
        @SuppressWarnings("unchecked")
        Object value = Enum.valueOf(type, suite);
        Method m = QuicClientConnection.Builder.class.getMethod("cipherSuite", type);
        m.invoke(b, value);
    }

    private static Object call(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                return m.invoke(target);
            } catch (NoSuchMethodException e) {
                // look further up
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(name + ": " + e.getCause(), e);
            }
        }
        throw new IllegalStateException("Kwik has no " + name + "()");
    }
}
