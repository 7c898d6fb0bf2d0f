package dev.quiver.server.h3;

import dev.quiver.server.config.ListenException;
import dev.quiver.server.loop.GuardedEventLoopGroup;
import dev.quiver.server.loop.LoggingWarmUp;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The embedded HTTP/3 server behind {@code quiver serve}: HTTP/3 over QUIC v1 on Netty's QUIC
 * codec (quiche), with fault injection, for demos and for testing quiver's HTTP/3 engines. HTTP/3
 * itself is quiver's ({@code dev.quiver.http3}) on raw QUIC streams, as in the netty client.
 *
 * <h2>Routes</h2>
 * Any method; request bodies are read and discarded; query strings are ignored.
 * <ul>
 *   <li>{@code /} → 200 {@code Hello, quiver\n} (text/plain)</li>
 *   <li>{@code /bytes/N} → 200 with exactly N bytes, streamed as fast as QUIC flow and congestion
 *       control take them, never held in memory</li>
 *   <li>{@code /delay/MS} → 200 hello body after MS milliseconds</li>
 *   <li>malformed number → 400; any other path → 404</li>
 * </ul>
 *
 * <h2>Faults</h2>
 * Counted per connection: a switch at N hits that connection's Nth, 2Nth, ... request.
 * <ul>
 *   <li><b>goaway</b>: the request is answered, then GOAWAY(id = 4 above the highest request
 *       stream seen) on the control stream. Requests on streams at or above that id are refused
 *       with RESET_STREAM + STOP_SENDING(H3_REQUEST_REJECTED); the connection is closed
 *       (CONNECTION_CLOSE H3_NO_ERROR) {@value ConnectionState#DRAIN_GRACE_MILLIS} ms after its
 *       last open request ended, unless the client closed it first.</li>
 *   <li><b>close</b>: when the request's HEADERS arrive, CONNECTION_CLOSE with H3_INTERNAL_ERROR
 *       (0x102); no response.</li>
 *   <li><b>reset</b>: HEADERS announcing {@code content-length: 14}, the first 7 body bytes, then
 *       RESET_STREAM(H3_INTERNAL_ERROR); the connection stays usable.</li>
 *   <li><b>stall</b>: the request is never answered; its stream (and the client's stream credit)
 *       stays until the client resets it or the connection ends.</li>
 *   <li><b>silent close</b>: when the request arrives the connection's state is dropped and no
 *       packet is sent (Netty's close would send CONNECTION_CLOSE; {@link SilentCloseFilter}
 *       swallows it). Later packets from the client are dropped without a stateless reset, so the
 *       client sees silence until its idle timeout.</li>
 * </ul>
 *
 * <h2>QUIC</h2>
 * initial_max_streams_bidi is {@link Http3ServerConfig#maxStreams()} and quiche returns the
 * credit as streams complete; receive windows are 1 MB per stream and 10 MB per connection;
 * {@link Http3ServerConfig#retry()} sends a Retry (address validation token) first.
 *
 * <h2>Resources</h2>
 * No per-request state outlives its stream, nothing is keyed by client-chosen values; memory
 * grows with open connections and streams only. Thread-safe; {@link #close()} is idempotent and
 * takes well under a second. QUIC connections take no file descriptor of their own; no failure
 * ends an event loop ({@link GuardedEventLoopGroup}, counted in {@link #stats()}).
 *
 * <pre>{@code
 * try (Http3EmbeddedServer server = new Http3EmbeddedServer(config).start()) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class Http3EmbeddedServer implements AutoCloseable {

    private static final long SHUTDOWN_QUIET_MILLIS = 10;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 300;
    private static final long MAX_DATA = 10_000_000;
    /** Connection IDs a client may issue to this server: how many NAT rebindings one connection survives. */
    private static final long ACTIVE_CONNECTION_ID_LIMIT = 64;
    private static final long MAX_STREAM_DATA = 1_000_000;
    private static final String H3_ALPN = "h3";
    /** The client's control stream and its two QPACK streams (RFC 9114, 6.2: at least 3). */
    private static final long MAX_UNIDIRECTIONAL_STREAMS = 3;
    /** SETTINGS and GOAWAY are small; with no dynamic table the QPACK streams carry next to nothing. */
    private static final long MAX_UNIDIRECTIONAL_STREAM_DATA = 64 * 1024;

    private final Http3ServerConfig config;
    private final Http3ServerStats stats = new Http3ServerStats();
    private final ChannelGroup connections = new DefaultChannelGroup("quiver-h3", ImmediateEventExecutor.INSTANCE);

    private EventLoopGroup group;
    private List<Channel> listeners = List.of();
    private boolean started;
    private boolean closed;

    /** A server for {@code config}; nothing is bound until {@link #start()}. */
    public Http3EmbeddedServer(Http3ServerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Binds the UDP port and starts serving.
     *
     * @return this server, running
     * @throws ListenException       if the port cannot be bound (nothing stays bound then)
     * @throws IllegalStateException if QUIC's native library is unavailable, or if called twice or after {@link #close()}
     */
    public synchronized Http3EmbeddedServer start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server already started");
        }
        started = true;
        LoggingWarmUp.run();
        if (!Quic.isAvailable()) {
            throw new IllegalStateException("HTTP/3 unavailable: " + Quic.unavailabilityCause(), Quic.unavailabilityCause());
        }
        QuicSslContext ssl = QuicSslContextBuilder.forServer(config.privateKey(), null,
                        config.certificateChain().toArray(X509Certificate[]::new))
                .applicationProtocols(H3_ALPN)
                .earlyData(true)
                .build();
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw ListenException.unresolved(config.host());
        }
        UdpListeners udp = new UdpListeners(config.threads(), "quiver-serve-h3", stats);
        group = udp.group();
        try {
            listeners = udp.bind(address, (idLength, idGenerator) -> codec(ssl, idLength, idGenerator, udp.segments()));
        } catch (Exception e) {
            close();
            throw ListenException.of("UDP", config.hostForUri(), config.port(), e);
        }
        return this;
    }

    private ChannelHandler codec(QuicSslContext ssl, int idLength, QuicConnectionIdGenerator idGenerator,
                                 SegmentedDatagramPacketAllocator segments) {
        QuicServerCodecBuilder builder = new QuicServerCodecBuilder()
                .sslContext(ssl)
                .localConnectionIdLength(idLength)
                // quiche follows a client to a new address (NAT rebinding) only with a fresh connection ID
                // the client issued, and keeps the old ones: the client may issue this many, so about as
                // many rebindings per connection survive (at quiche's default of 2, only the first did).
                .activeConnectionIdLimit(ACTIVE_CONNECTION_ID_LIMIT)
                .connectionIdAddressGenerator(idGenerator)
                .maxIdleTimeout(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(MAX_DATA)
                .initialMaxStreamDataBidirectionalLocal(MAX_STREAM_DATA)
                .initialMaxStreamDataBidirectionalRemote(MAX_STREAM_DATA)
                .initialMaxStreamsBidirectional(config.maxStreams())
                .initialMaxStreamsUnidirectional(MAX_UNIDIRECTIONAL_STREAMS)
                .initialMaxStreamDataUnidirectional(MAX_UNIDIRECTIONAL_STREAM_DATA)
                .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, segments)
                .handler(new ConnectionInitializer(config, stats, connections));
        if (config.retry()) {
            builder.tokenHandler(InsecureQuicTokenHandler.INSTANCE);
        }
        return builder.build();
    }

    /** The configuration this server was created with. */
    public Http3ServerConfig config() {
        return config;
    }

    /** Live counters. */
    public Http3ServerStats stats() {
        return stats;
    }

    /** The bound UDP port, or -1 if the server is not running. */
    public synchronized int port() {
        return listeners.isEmpty() ? -1 : ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
    }

    /**
     * Where the server listens, e.g. {@code https://127.0.0.1:8443 (h3, UDP)}, followed by the
     * fault switches that are on ({@code   faults: goaway-every=100 ...}), or {@code not running}.
     */
    public String describe() {
        int port = port();
        if (port < 0) {
            return "HTTP/3 not running";
        }
        StringBuilder s = new StringBuilder("https://").append(config.hostForUri()).append(':').append(port)
                .append(" (h3, UDP)");
        return s.append(config.faults().describe()).toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Stops the server: closes every connection (CONNECTION_CLOSE NO_ERROR, best effort), the UDP
     * sockets and the event loops. Returns when the port is free; idempotent.
     */
    @Override
    public void close() {
        EventLoopGroup loops;
        List<Channel> sockets;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            loops = group;
            sockets = listeners;
            listeners = List.of();
        }
        if (loops == null) {
            return;
        }
        // Connections first, while their sockets can still carry the CONNECTION_CLOSE.
        connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        for (Channel socket : sockets) {
            socket.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
        loops.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_MILLIS + 1000);
    }
}
