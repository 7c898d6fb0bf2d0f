package dev.quiver.quic.netty.interop;

import dev.quiver.core.interop.EarlyData;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.KeyPhases;
import dev.quiver.core.interop.Response;
import dev.quiver.core.interop.StreamUse;
import dev.quiver.core.interop.UnsupportedCase;
import dev.quiver.quic.netty.LongHeaderWatch;
import dev.quiver.quic.netty.QuicClientTls;
import io.netty.handler.codec.quic.QuicConnectionStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3GoAwayFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamLimitChangedEvent;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.codec.quic.SslEarlyDataReadyEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/3 connection of an interop case: its own UDP channel (with the {@link LongHeaderWatch}
 * in front of the QUIC codec) and QUIC channel, and what it saw: GOAWAY, stream limit raises,
 * and a request sent as 0-RTT when asked to.
 */
final class InteropQuicConnection implements InteropConnection {

    private final NettyInteropClient client;
    final Channel udp;
    final LongHeaderWatch watch;
    final QuicChannel quic;
    private final AtomicLong goawayId = new AtomicLong(-1);
    private final AtomicInteger limitChanges = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    /** The response to the request sent as 0-RTT, or null when none was sent. */
    private volatile CompletableFuture<Response> earlyResponse;
    /** The server's initial bidirectional stream credit, read at the first {@link #streams}; -1 until then. */
    private volatile long initialCredit = -1;
    private final long timeoutMillis;

    private InteropQuicConnection(NettyInteropClient client, Channel udp, LongHeaderWatch watch, QuicChannel quic,
                                  long timeoutMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
        this.udp = udp;
        this.watch = watch;
        this.quic = quic;
    }

    /**
     * Connects; with {@code earlyPath} set, a GET for it is sent as soon as 0-RTT keys are ready
     * (a resumed session whose server allows early data), before the handshake completes.
     */
    static InteropQuicConnection open(NettyInteropClient client, Channel udp, LongHeaderWatch watch, String earlyPath,
                                      long timeoutMillis, java.nio.file.Path qlog) throws Exception {
        InteropQuicConnection[] holder = new InteropQuicConnection[1];
        var bootstrap = QuicChannel.newBootstrap(udp);
        if (qlog != null) {
            bootstrap.option(io.netty.handler.codec.quic.QuicChannelOption.QLOG,
                    new io.netty.handler.codec.quic.QLogConfiguration(qlog.toString(), "quiver interop", "quiver interop, netty engine"));
        }
        Future<QuicChannel> connect = bootstrap
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel ch) {
                        InteropQuicConnection c = new InteropQuicConnection(client, udp, watch, ch, timeoutMillis);
                        holder[0] = c;
                        ch.pipeline().addLast(new Http3ClientConnectionHandler(c.new GoawayWatch(), null, null, null, true));
                        ch.pipeline().addLast(c.new ConnectionEvents(earlyPath));
                    }
                })
                .remoteAddress(client.remote())
                .connect();
        if (!connect.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            udp.close();
            throw new IOException("QUIC handshake not done within " + timeoutMillis + " ms");
        }
        if (!connect.isSuccess()) {
            udp.close();
            throw new IOException("QUIC handshake failed: " + connect.cause(), connect.cause());
        }
        return holder[0];
    }

    @Override
    public long goawayId(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (goawayId.get() < 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return goawayId.get();
    }

    @Override
    public Response get(String path) throws Exception {
        return get0(path).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public java.util.concurrent.Future<Response> getAsync(String path) {
        return get0(path);
    }

    @Override
    public List<Response> getAll(List<String> paths) throws Exception {
        List<CompletableFuture<Response>> all = new ArrayList<>(paths.size());
        for (String p : paths) {
            all.add(getWithinCredit(p));
        }
        List<Response> out = new ArrayList<>(paths.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (CompletableFuture<Response> f : all) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            out.add(f.get(left, TimeUnit.MILLISECONDS));
        }
        return out;
    }

    @Override
    public String quicVersion() {
        Set<Integer> versions = watch.serverVersions();
        if (versions.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int v : versions) {
            out.add(LongHeaderWatch.versionName(v));
        }
        out.sort(null);
        return String.join("+", out);
    }

    @Override
    public String alpn() {
        return quic.sslEngine().getApplicationProtocol();
    }

    @Override
    public String cipherSuite() {
        return quic.sslEngine().getSession().getCipherSuite();
    }

    @Override
    public dev.quiver.core.interop.PathValidation pathValidation() throws UnsupportedCase {
        // The client's quiche answers PATH_CHALLENGE itself; Netty's QUIC API has no frame events or counts for it
        // (QuicConnectionStats, QuicConnectionPathStats), and a NAT rebinding does not change the client's own path.
        throw new UnsupportedCase("quiche (Netty QUIC) reports no PATH_CHALLENGE or PATH_RESPONSE frames to its client");
    }

    @Override
    public String preferredAddress() throws UnsupportedCase {
        // Netty's QuicTransportParameters carry the limits and timeouts, not preferred_address; quiche
        // itself never moves a client connection to the server's preferred address.
        throw new UnsupportedCase("quiche (Netty QUIC) shows its client no preferred_address and never migrates to one");
    }

    @Override
    public int initialsSent() {
        return watch.initialsSent();
    }

    @Override
    public int retriesReceived() {
        return watch.retriesReceived();
    }

    @Override
    public boolean resumed() throws UnsupportedCase {
        Boolean resumed = QuicClientTls.sessionResumed(quic.sslEngine());
        if (resumed == null) {
            throw new UnsupportedCase("this Netty version does not tell whether a session was resumed");
        }
        return resumed;
    }

    /**
     * quiche tells nothing of session tickets: a moment for the NewSessionTicket, which follows the
     * handshake, to arrive; whether the next connection resumes is the evidence.
     */
    @Override
    public boolean awaitSessionTicket(long millis) throws InterruptedException {
        Thread.sleep(Math.min(millis, 200));
        return true;
    }

    @Override
    public StreamUse streams() throws Exception {
        if (initialCredit < 0) {
            initialCredit = readInitialCredit(); // before the first request: what is left is the initial credit
        }
        return new StreamUse(initialCredit, limitChanges.get(), maxOpen.get(), -1);
    }

    /** quiche does not report the flow-control frames it sends. */
    @Override
    public int creditFramesSent() {
        return -1;
    }

    @Override
    public EarlyData earlyData(long millis) throws Exception {
        CompletableFuture<Response> early = earlyResponse;
        if (early == null) {
            return new EarlyData(false, false, null,
                    "no 0-RTT keys on the second connection: the server's session ticket allows no early data");
        }
        Response r;
        try {
            r = early.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return new EarlyData(true, false, null, "request sent in " + watch.zeroRttSent() + " 0-RTT packets");
        }
        QuicConnectionStats stats = quic.collectStats().get(timeoutMillis, TimeUnit.MILLISECONDS);
        int sent = watch.zeroRttSent();
        // A server that rejects 0-RTT drops those packets; quiche then resends the request in
        // 1-RTT packets, counted as retransmitted stream bytes.
        boolean accepted = sent > 0 && stats.streamRetransBytes() == 0;
        return new EarlyData(sent > 0, accepted, r, "request sent in " + sent + " 0-RTT packets; "
                + stats.streamRetransBytes() + " stream bytes resent after the handshake"
                + (accepted ? " (server accepted the early data)" : " (server rejected the early data)"));
    }

    @Override
    public void startKeyUpdate() throws UnsupportedCase {
        throw new UnsupportedCase(NettyInteropEngine.NO_KEY_UPDATE);
    }

    @Override
    public KeyPhases keyPhases() throws UnsupportedCase {
        throw new UnsupportedCase(NettyInteropEngine.NO_KEY_UPDATE);
    }

    /** The server's initial bidirectional stream credit; Netty reads it after the first packet past the handshake. */
    private long readInitialCredit() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long v;
        while ((v = streamsLeft()) <= 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (v <= 0) {
            throw new IOException("the server gave no stream credit");
        }
        return v;
    }

    CompletableFuture<Response> earlyResponse() {
        return earlyResponse;
    }

    /** Bidirectional streams the server lets this client open now (read on the event loop). */
    long streamsLeft() throws Exception {
        return quic.eventLoop().submit(() -> quic.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL)).get(5, TimeUnit.SECONDS);
    }

    /** A GET for {@code path}, sent at once; the stream must be creatable (credit left). */
    private CompletableFuture<Response> get0(String path) {
        ResponseCollector collector = new ResponseCollector();
        quic.eventLoop().execute(() -> send(path, collector));
        return collector.response;
    }

    /**
     * A GET for {@code path} as soon as the server's stream credit allows one: never more streams
     * than the server's MAX_STREAMS allows.
     */
    private CompletableFuture<Response> getWithinCredit(String path) {
        ResponseCollector collector = new ResponseCollector();
        quic.eventLoop().execute(() -> sendWithinCredit(path, collector));
        return collector.response;
    }

    private void sendWithinCredit(String path, ResponseCollector collector) {
        if (!quic.isActive()) {
            collector.response.completeExceptionally(new IOException("connection closed"));
        } else if (quic.peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) > 0) {
            send(path, collector);
        } else {
            quic.eventLoop().schedule(() -> sendWithinCredit(path, collector), 2, TimeUnit.MILLISECONDS);
        }
    }

    private void send(String path, ResponseCollector collector) {
        Http3.newRequestStream(quic, collector).addListener((Future<QuicStreamChannel> f) -> {
            if (!f.isSuccess()) {
                collector.response.completeExceptionally(new IOException("stream not created: " + f.cause(), f.cause()));
                return;
            }
            QuicStreamChannel stream = f.getNow();
            int now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            collector.response.whenComplete((r, e) -> open.decrementAndGet());
            Http3Headers h = new DefaultHttp3Headers(false);
            h.method("GET").scheme("https").authority(client.authority()).path(path).set("user-agent", "quiver-interop");
            stream.write(new DefaultHttp3HeadersFrame(h));
            stream.shutdownOutput();
            stream.flush();
        });
    }

    @Override
    public void close() {
        if (quic.isActive()) {
            // A transport CONNECTION_CLOSE (NO_ERROR), not an application one: quiche sends an
            // application close only in a 1-RTT packet, and while a Handshake-space PTO probe is still
            // owed (the client's Finished unacknowledged, HANDSHAKE_DONE lost) it picks the Handshake
            // space for every packet, adds no PING because it is closing, never consumes the probe and
            // never arms the draining timer: an endless run of ACK-only Handshake packets.
            quic.close(false, 0, Unpooled.EMPTY_BUFFER).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        udp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /** On the server's control stream: remembers GOAWAY. */
    private final class GoawayWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http3GoAwayFrame g) {
                    goawayId.set(g.id());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** On the QUIC channel: stream limit changes, and 0-RTT readiness. */
    private final class ConnectionEvents extends ChannelInboundHandlerAdapter {
        private final String earlyPath;

        ConnectionEvents(String earlyPath) {
            this.earlyPath = earlyPath;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof QuicStreamLimitChangedEvent) {
                limitChanges.incrementAndGet();
            } else if (evt instanceof SslEarlyDataReadyEvent && earlyPath != null && earlyResponse == null) {
                ResponseCollector collector = new ResponseCollector();
                earlyResponse = collector.response;
                // The event comes from inside quiche's send loop, which would keep the request queued
                // until after the handshake; a task of its own flushes it as 0-RTT.
                ctx.channel().eventLoop().execute(() -> send(earlyPath, collector));
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
