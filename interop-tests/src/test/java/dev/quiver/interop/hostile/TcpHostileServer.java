package dev.quiver.interop.hostile;

import dev.quiver.server.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A TCP server on 127.0.0.1 and an ephemeral port that treats every connection with one
 * {@link TcpBehaviour}, in plain TCP or inside TLS (self-signed, ALPN {@code h2} and
 * {@code http/1.1}). Bounded: at most {@link #MAX_CONNECTIONS} connections are served at once
 * (further ones are closed at accept), each for at most {@link #MAX_LIFETIME_MILLIS}; {@link #close()}
 * closes the listener and every connection still open, and waits for their threads.
 */
final class TcpHostileServer implements AutoCloseable {

    static final int MAX_CONNECTIONS = 64;
    static final long MAX_LIFETIME_MILLIS = 30_000;

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();

    private final String name;
    private final TcpBehaviour behaviour;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final long seed;
    private volatile boolean closed;

    private TcpHostileServer(String name, TcpBehaviour behaviour, boolean tls, long seed) throws IOException {
        this.name = name;
        this.behaviour = behaviour;
        this.seed = seed;
        this.listener = tls ? tlsListener() : new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        this.acceptor = Thread.ofPlatform().daemon().name("hostile-accept-" + name).start(this::acceptLoop);
    }

    /** A plain TCP server. */
    static TcpHostileServer plain(String name, TcpBehaviour behaviour) throws IOException {
        return new TcpHostileServer(name, behaviour, false, System.nanoTime());
    }

    /** A server that speaks TLS first, then treats the decrypted connection with {@code behaviour}. */
    static TcpHostileServer tls(String name, TcpBehaviour behaviour) throws IOException {
        return new TcpHostileServer(name, behaviour, true, System.nanoTime());
    }

    private static ServerSocket tlsListener() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(CERTIFICATE.keyManagerFactory().getKeyManagers(), null, null);
            SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            s.setSSLParameters(p);
            return s;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for a hostile server", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    String url(String scheme) {
        return scheme + "://127.0.0.1:" + port() + "/";
    }

    /** Connections accepted so far: proof that quiver reached this server. */
    long accepted() {
        return accepted.get();
    }

    /** The seed of this server's randomness, for a failure message that can be replayed. */
    long seed() {
        return seed;
    }

    private void acceptLoop() {
        long n = 0;
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. a TLS listener's transient failure: keep serving
            }
            accepted.incrementAndGet();
            if (closed || !slots.tryAcquire()) {
                closeQuietly(s);
                continue;
            }
            open.add(s);
            SplittableRandom random = new SplittableRandom(seed + n++);
            Thread t = Thread.ofVirtual().name("hostile-" + name).unstarted(() -> serve(s, random));
            workers.add(t);
            t.start();
        }
    }

    private void serve(Socket s, SplittableRandom random) {
        try {
            s.setSoTimeout((int) MAX_LIFETIME_MILLIS);
            behaviour.serve(s, random, System.currentTimeMillis() + MAX_LIFETIME_MILLIS);
        } catch (IOException | RuntimeException e) {
            // The client went away or the server is closing: either is the end of this connection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!s.isClosed()) {
                closeQuietly(s);
            }
            open.remove(s);
            workers.remove(Thread.currentThread());
            slots.release();
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Closes with an RST instead of a FIN (SO_LINGER 0). */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed: no RST to send
        }
        closeQuietly(s);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // the listener is gone either way
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        for (Thread t : workers) {
            t.interrupt();
        }
        try {
            acceptor.join(2_000);
            for (Thread t : workers) {
                t.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " on 127.0.0.1:" + port() + " (seed " + seed + ")";
    }
}
