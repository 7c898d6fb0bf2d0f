package dev.quiver.quic.kwik;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.RequestHead;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.quic.kwik.h3.ControlStream;
import dev.quiver.quic.kwik.h3.PeerStreams;
import dev.quiver.http3.RejectedRequest;
import dev.quiver.http3.RequestMessage;
import dev.quiver.quic.udp.ReceiveBuffer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tech.kwik.core.ConnectionListener;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicConnection;

/**
 * The {@code kwik} HTTP/3 engine: each connection is a Kwik QUIC connection built here (ALPN h3,
 * connect and idle timeouts, certificate check off with {@code --insecure}), so that {@code -c N}
 * gives N QUIC connections. HTTP/3 on it is this engine's own ({@code h3}): a control stream with
 * SETTINGS, the server's control stream read for GOAWAY, and every request the same bytes, encoded
 * once with QPACK's static table. Kwik blocks; connects and requests run on threads of their own.
 */
final class KwikEngine implements Engine {

    /** Kwik's default is 60 s; Caddy and quic-go use 30 s. The lower of the two ends the connection. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a request whose connection died waits for Kwik's close reason before the sweep. */
    private static final long CLOSE_REASON_WAIT_MILLIS = 200;

    static {
        KwikProcessSettings.apply();
    }

    private final EngineConfig config;
    private final StreamTracker tracker;
    private final URI origin;
    /** The bytes of the run's request stream, the same for every request. */
    /** Each request of the run's mix as HTTP/3 frames, encoded once for the run; a stream sends the one it is asked for. */
    private final byte[][] messages;
    private final long[] bodyLengths;
    /** Reads the streams the server opens (control, QPACK): one virtual thread each. */
    private final ExecutorService peerStreams = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final Set<QuicClientConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> closing = ConcurrentHashMap.newKeySet();
    /** Taps whose connection writes a qlog: at most {@code --qlog-max}; their files are ended in {@link #close}. */
    private final Set<HandshakeTap> qlogged = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    KwikEngine(EngineConfig config, StreamTracker tracker) {
        this.config = config;
        this.tracker = tracker;
        // With the port always: Kwik takes the URI's port as given, and a URL without one (https://host/) gave -1.
        String host = config.target().host();
        this.origin = URI.create("https://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + config.target().port());
        int n = config.requests().size();
        this.messages = new byte[n][];
        this.bodyLengths = new long[n];
        for (int i = 0; i < n; i++) {
            RequestMix.Entry e = config.requests().entry(i);
            messages[i] = RequestMessage.of(RequestHead.of(e, config.target(), "https"), e.request().body());
            bodyLengths[i] = e.request().body().length;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quiver-kwik-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void connect(ConnectionEvents events) {
        if (closed) {
            events.onConnectFailed(ErrorCategory.connect("engine closed"), null);
            return;
        }
        // Kwik's connect timeout counts from the first Initial sent; setting up the connection (class
        // loading and key generation in a cold JVM: a second and more) comes before it. quiver's
        // connect timeout is the user's, so it is enforced here, over the whole connect.
        HedgedConnect connect = new HedgedConnect(events, System.nanoTime() + config.connectTimeout().toNanos());
        try {
            timer.schedule(connect::expire, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            events.onConnectFailed(ErrorCategory.connect("engine closed"), null);
            return;
        }
        startAttempt(connect);
    }

    /**
     * One more try at the connection, unless the connect is over or out of attempts. A platform
     * thread: Kwik's handshake runs class initialisation and monitor waits that can pin a virtual
     * thread's carrier; a connect is rare enough for a thread of its own.
     */
    private void startAttempt(HedgedConnect connect) {
        if (!closed && connect.tryStart()) {
            Thread.ofPlatform().daemon().name("quiver-kwik-connect").start(() -> attempt(connect));
        }
    }

    private void attempt(HedgedConnect connect) {
        PeerStreamCredit credit = new PeerStreamCredit();
        KwikLogTap tap = new KwikLogTap(credit);
        tap.onHandshakeStall(() -> startAttempt(connect));
        qlog(tap);
        QuicClientConnection quic;
        try {
            QuicClientConnection.Builder b = QuicClientConnection.newBuilder()
                    .socketFactory(ReceiveBuffer::kwikSocket)
                    .uri(origin)
                    .applicationProtocol("h3")
                    .version(QuicConnection.QuicVersion.V1)
                    .connectTimeout(config.connectTimeout())
                    .maxIdleTimeout(IDLE_TIMEOUT)
                    // HTTP/3 needs room for the server's control and QPACK streams, and no bidi ones.
                    .maxOpenPeerInitiatedUnidirectionalStreams(3)
                    .maxOpenPeerInitiatedBidirectionalStreams(0)
                    .logger(tap);
            if (config.insecure()) {
                b.noServerCertificateCheck();
            }
            quic = b.build();
        } catch (Exception e) {
            tap.closeQlog();
            connect.failed(KwikFailures.connect(e), e);
            return;
        }
        open.add(quic);
        // Kwik reports the end before it sends its CONNECTION_CLOSE: the qlog file ends a little later.
        EndListener listener = new EndListener(tap, () -> later(tap::closeQlog));
        quic.setConnectionListener(listener);
        ServerSignals signals = new ServerSignals(this, quic);
        // Before the handshake: the server may open its control stream with its first 1-RTT packet.
        quic.setPeerInitiatedStreamCallback(new PeerStreams(peerStreams, signals)::accept);
        long start = System.nanoTime();
        try {
            quic.connect();
            // Ready means the server confirmed the handshake (HANDSHAKE_DONE), one flight after Kwik's
            // connect returns; the QUIC handshake time is measured to that point.
            awaitConfirmed(tap, connect);
            long quicNanos = System.nanoTime() - start;
            ControlStream.open(quic);
            credit.initialFrom(quic);
            if (!connect.connected()) {
                closeQuietly(quic); // another attempt won, or the scheduler was already told it failed
                return;
            }
            KwikConnection c = new KwikConnection(this, quic, messages, bodyLengths, tracker,
                    connect.events(), credit, tap, new HandshakeTimes(-1, -1, quicNanos));
            listener.attach(c);
            signals.attach(c);
            if (closed) {
                c.close(dev.quiver.core.stream.StreamState.CANCELLED, ErrorCategory.cancelled("engine closed"));
                return;
            }
            c.signalReady();
        } catch (java.net.ConnectException e) {
            // Kwik aborted the handshake and tore the connection down itself; its close() would hang.
            open.remove(quic);
            tap.closeQlog();
            if (tap.kwikFault()) {
                startAttempt(connect); // Kwik's own exception, not the server's answer: a fresh attempt first
            }
            connect.failed(closed ? ErrorCategory.connect("engine closed") : KwikFailures.connect(e), e);
        } catch (Exception e) {
            closeQuietly(quic);
            connect.failed(closed ? ErrorCategory.connect("engine closed") : KwikFailures.connect(e), e);
        }
    }

    /**
     * Gives this QUIC connection (one attempt of a connect) a qlog file when {@code --qlog} asks
     * for one and {@code --qlog-max} is not reached; a file that cannot be created is skipped.
     */
    private void qlog(HandshakeTap tap) {
        Path file = config.qlog().claim("kwik");
        if (file == null) {
            return;
        }
        try {
            tap.qlog(KwikQlog.create(file, "quiver kwik engine (Kwik) to " + origin.getAuthority()));
            qlogged.add(tap);
        } catch (java.io.IOException e) {
            // the directory was checked before the run; a file that cannot be made now is not worth failing the connection
        }
    }

    /** Waits for the server's HANDSHAKE_DONE until the connect's deadline, or until the connection ended. */
    private static void awaitConfirmed(HandshakeTap tap, HedgedConnect connect) throws Exception {
        if (!tap.awaitConfirmed(TimeUnit.NANOSECONDS.toMillis(connect.deadlineNanos() - System.nanoTime()))) {
            throw new java.io.IOException(tap.hasEnded() ? KwikFailures.CLOSED_UNCONFIRMED : KwikFailures.NOT_CONFIRMED);
        }
    }

    /** Runs {@code task} a little later, to let Kwik's close reason arrive first. */
    void later(Runnable task) {
        after(task, CLOSE_REASON_WAIT_MILLIS);
    }

    /** Runs {@code task} a moment later, to let a GOAWAY that came with a reset be read first. */
    void afterGoawayRead(Runnable task) {
        after(task, RejectedRequest.GOAWAY_READ_WAIT_MILLIS);
    }

    private void after(Runnable task, long millis) {
        try {
            timer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }

    /** Closes a QUIC connection in the background (Kwik's close sends CONNECTION_CLOSE H3_NO_ERROR and may wait). */
    void closeQuietly(QuicClientConnection quic) {
        closeQuietly(quic, KwikFailures.H3_NO_ERROR, null);
    }

    /** Closes a QUIC connection in the background with an HTTP/3 error code (the server broke HTTP/3). */
    void closeQuietly(QuicClientConnection quic, long h3Code, String reason) {
        if (!open.remove(quic)) {
            return;
        }
        Thread t = Thread.ofPlatform().daemon().name("quiver-kwik-close").unstarted(() -> {
            try {
                quic.close(h3Code, reason); // an HTTP/3 application close, not a bare QUIC one
            } catch (RuntimeException e) {
                // closing a connection that is already gone
            } finally {
                closing.remove(Thread.currentThread());
            }
        });
        // Added and started in one step, so that close() never finds a thread it cannot join yet.
        synchronized (closing) {
            closing.add(t);
            t.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (QuicClientConnection q : open) {
            closeQuietly(q);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<Thread> closers;
        synchronized (closing) {
            closers = List.copyOf(closing);
        }
        for (Thread t : closers) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
        peerStreams.shutdownNow();
        for (HandshakeTap t : qlogged) {
            t.closeQlog(); // a connection Kwik did not report terminated yet still gets a complete file
        }
    }

    /**
     * Forwards Kwik's "connection terminated" to the connection, also when it came before the
     * connection object existed (between the handshake and {@link #attach}).
     */
    private static final class EndListener implements ConnectionListener {
        private final HandshakeTap tap;
        private final Runnable afterEnd;
        private KwikConnection connection;
        private ConnectionTerminatedEvent early;

        EndListener(HandshakeTap tap, Runnable afterEnd) {
            this.tap = tap;
            this.afterEnd = afterEnd;
        }

        synchronized void attach(KwikConnection c) {
            connection = c;
            if (early != null) {
                c.terminated(early);
            }
        }

        @Override
        public void disconnected(ConnectionTerminatedEvent e) {
            tap.connectionEnded();
            afterEnd.run();
            KwikConnection c;
            synchronized (this) {
                c = connection;
                if (c == null) {
                    early = e;
                    return;
                }
            }
            c.terminated(e);
        }
    }
}
