package dev.quiver.server.tcp;

import dev.quiver.server.config.ListenException;
import dev.quiver.server.loop.GuardedEventLoopGroup;
import dev.quiver.server.loop.LoggingWarmUp;
import dev.quiver.server.loop.ServerTransport;
import dev.quiver.server.metrics.ServerCounters;
import dev.quiver.server.tls.SelfSignedCertificate;
import dev.quiver.server.tls.ServerSslContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded reference server behind {@code quiver serve}: HTTP/1.1 and HTTP/2 on Netty, with
 * fault injection, for demos and for testing quiver's engines against known behaviour.
 *
 * <h2>Listeners</h2>
 * <ul>
 *   <li>TLS port: ALPN {@code h2} (preferred) or {@code http/1.1}; no ALPN means HTTP/1.1. The
 *       certificate is {@link ServerConfig#certificate()} or a fresh {@link SelfSignedCertificate}.</li>
 *   <li>Plain port: HTTP/1.1 and h2c with prior knowledge, told apart by the HTTP/2 connection
 *       preface. {@code Upgrade: h2c} is not offered.</li>
 * </ul>
 *
 * <h2>Routes</h2>
 * Any method; request bodies are read and discarded; query strings are ignored.
 * <ul>
 *   <li>{@code /} → 200 {@code Hello, quiver\n} (text/plain)</li>
 *   <li>{@code /bytes/N} → 200 with exactly N bytes (application/octet-stream), streamed in chunks
 *       as fast as flow control and the socket allow, never held in memory</li>
 *   <li>{@code /delay/MS} → 200 hello body after MS milliseconds (a timer on the event loop,
 *       dropped if the stream or connection goes away first)</li>
 *   <li>malformed number → 400; any other path → 404</li>
 * </ul>
 *
 * <h2>Faults</h2>
 * Counted per connection: a switch at N hits that connection's Nth, 2Nth, ... request.
 * <ul>
 *   <li><b>goaway</b>: the request is answered, then HTTP/2 sends GOAWAY(NO_ERROR, last-stream-id =
 *       highest stream the client opened so far), finishes the streams up to it and closes the
 *       connection when they are done (or after Netty's 30 s graceful-shutdown timeout). HTTP/1.1
 *       answers with {@code Connection: close} and closes after the response.</li>
 *   <li><b>close</b>: when the request's head arrives the TCP connection is closed at once: no
 *       response, no GOAWAY (on TLS after a close_notify alert, as any TLS close).</li>
 *   <li><b>reset</b>: response headers announcing {@code content-length: 14}, the first 7 body
 *       bytes, then HTTP/2 RST_STREAM(INTERNAL_ERROR) (the connection stays usable) or, on
 *       HTTP/1.1, a close of the connection.</li>
 *   <li><b>stall</b>: the request is never answered. HTTP/2 keeps the stream open until the client
 *       resets it or the connection closes, then forgets it; it keeps counting against
 *       SETTINGS_MAX_CONCURRENT_STREAMS meanwhile. HTTP/1.1 leaves the connection hanging (later
 *       requests on it are read and dropped) until the client closes it.</li>
 * </ul>
 *
 * <h2>Resources</h2>
 * No per-request state outlives its request or stream, and nothing is keyed by client-chosen
 * values; memory grows with open connections and streams only. Thread-safe; {@link #close()} is
 * idempotent and takes well under a second.
 *
 * <h2>Exhaustion</h2>
 * Out of file descriptors the server keeps serving the connections it has: a listener whose
 * accept() fails pauses and resumes by itself, closing the connections it cannot take
 * ({@link AcceptGuard}); no failure ends an event loop ({@link GuardedEventLoopGroup}); what a log
 * line needs is loaded at start ({@link LoggingWarmUp}). {@link #stats()} counts all of it. A
 * connection idle for {@link ServerConfig#idleTimeout()} with nothing being answered is closed
 * ({@link IdleTimeout}), so clients that vanished or never speak do not hold descriptors for good.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.start(ServerConfig.builder().goawayEvery(100).build())) {
 *     URI uri = server.httpsUri();   // https://127.0.0.1:<port>/
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {

    /** Quiet period and upper bound of the event loops' shutdown: short, the server must stop fast. */
    private static final long SHUTDOWN_QUIET_MILLIS = 10;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 300;

    private final ServerConfig config;
    private final ServerCounters stats = new ServerCounters();
    private final ChannelGroup connections = new DefaultChannelGroup("quiver-serve", ImmediateEventExecutor.INSTANCE);

    private EventLoopGroup group;
    private Channel tlsListener;
    private Channel plainListener;
    private SelfSignedCertificate certificate;
    private boolean started;
    private boolean closed;

    /** A server for {@code config}; nothing is bound until {@link #start()}. */
    public EmbeddedServer(ServerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Creates and starts a server: {@code new EmbeddedServer(config).start()}.
     *
     * @throws ListenException if a port cannot be bound
     */
    public static EmbeddedServer start(ServerConfig config) {
        return new EmbeddedServer(config).start();
    }

    /**
     * Binds the enabled listeners and starts serving.
     *
     * @return this server, running
     * @throws ListenException      if a port cannot be bound (nothing stays bound then)
     * @throws IllegalStateException if called twice or after {@link #close()}, or if the event
     *                               loops cannot be made (out of descriptors: see its cause)
     */
    public synchronized EmbeddedServer start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server already started");
        }
        started = true;
        LoggingWarmUp.run();
        ServerTransport transport = ServerTransport.best();
        group = transport.newGuardedGroup(config.threads(), "quiver-serve", stats);
        try {
            ConnectionTracker tracker = new ConnectionTracker(stats, connections, config.leaks());
            HttpPipelines pipelines = new HttpPipelines(config, stats);
            if (config.tlsPort() != ServerConfig.DISABLED) {
                certificate = config.certificate() != null ? config.certificate() : SelfSignedCertificate.generate();
                tlsListener = bind(transport, config.tlsPort(),
                        new TlsChannelInitializer(tracker, ServerSslContexts.http2AndHttp11(certificate), pipelines));
            }
            if (config.plainPort() != ServerConfig.DISABLED) {
                plainListener = bind(transport, config.plainPort(), new PlainChannelInitializer(tracker, pipelines));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Channel bind(ServerTransport transport, int port, ChannelInitializer<Channel> initializer) {
        InetSocketAddress address = new InetSocketAddress(config.host(), port);
        if (address.isUnresolved()) {
            throw ListenException.unresolved(config.host());
        }
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannel())
                .handler(new AcceptGuard(stats))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Larger than Netty's 32/64 KiB default: fewer writability flips while streaming big bodies.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(128 * 1024, 512 * 1024))
                .childHandler(initializer)
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw ListenException.of("TCP", config.hostForUri(), port, bound.cause());
        }
        return bound.channel();
    }

    /** The configuration this server was created with. */
    public ServerConfig config() {
        return config;
    }

    /** Live counters. */
    public ServerCounters stats() {
        return stats;
    }

    /** The certificate the TLS listener serves; empty if TLS is disabled or the server not started. */
    public synchronized Optional<SelfSignedCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** The bound TLS port, or -1 if the TLS listener is disabled or not running. */
    public synchronized int tlsPort() {
        return port(tlsListener);
    }

    /** The bound cleartext port, or -1 if the plain listener is disabled or not running. */
    public synchronized int plainPort() {
        return port(plainListener);
    }

    /**
     * {@code https://host:tlsPort/}.
     *
     * @throws IllegalStateException if the TLS listener is not running
     */
    public URI httpsUri() {
        return uri("https", tlsPort());
    }

    /**
     * {@code http://host:plainPort/}.
     *
     * @throws IllegalStateException if the plain listener is not running
     */
    public URI httpUri() {
        return uri("http", plainPort());
    }

    /**
     * Where the server listens, e.g.
     * {@code quiver serve: https://127.0.0.1:8443 (h2, http/1.1)  http://127.0.0.1:8080 (http/1.1, h2c)},
     * followed by the fault switches that are on.
     */
    public String describe() {
        StringBuilder s = new StringBuilder("quiver serve:");
        int tls = tlsPort();
        int plain = plainPort();
        if (tls < 0 && plain < 0) {
            return s.append(" not running").toString();
        }
        if (tls >= 0) {
            s.append(" https://").append(config.hostForUri()).append(':').append(tls).append(" (h2, http/1.1)");
        }
        if (plain >= 0) {
            s.append(tls >= 0 ? "  " : " ");
            s.append("http://").append(config.hostForUri()).append(':').append(plain).append(" (http/1.1, h2c)");
        }
        return s.append(config.faults().describe()).toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Stops the server: closes the listeners and every connection (HTTP/2 ones with a GOAWAY where
     * there is time for it) and shuts the event loops down, which force-closes whatever is left.
     * Returns when the ports are free; idempotent.
     */
    @Override
    public void close() {
        EventLoopGroup loops;
        Channel tls;
        Channel plain;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            loops = group;
            tls = tlsListener;
            plain = plainListener;
            tlsListener = null;
            plainListener = null;
        }
        if (loops == null) {
            return;
        }
        // Stop accepting first, so no connection slips in behind the sweep below.
        ChannelFuture tlsClosed = tls != null ? tls.close() : null;
        ChannelFuture plainClosed = plain != null ? plain.close() : null;
        awaitQuietly(tlsClosed);
        awaitQuietly(plainClosed);
        connections.close();
        loops.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_MILLIS + 1000);
    }

    private static void awaitQuietly(ChannelFuture future) {
        if (future != null) {
            future.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
    }

    private static int port(Channel listener) {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private URI uri(String scheme, int port) {
        if (port < 0) {
            throw new IllegalStateException(scheme + " listener is not running");
        }
        return URI.create(scheme + "://" + config.hostForUri() + ":" + port + "/");
    }
}
