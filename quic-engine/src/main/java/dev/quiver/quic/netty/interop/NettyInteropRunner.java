package dev.quiver.quic.netty.interop;

import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropRunner;
import dev.quiver.core.interop.InteropSettings;
import dev.quiver.core.interop.Outcome;
import dev.quiver.quic.netty.LongHeaderWatch;
import dev.quiver.quic.netty.QuicClientTls;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicConnectionStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The interop cases on the {@code netty} engine's stack (Netty QUIC codec over quiche). What
 * quiche cannot do from a client (choose the TLS cipher, start a key update, speak QUIC v2) is
 * {@code unsupported}; everything else is checked on what the stack or the packet headers showed.
 */
public final class NettyInteropRunner implements InteropRunner {

    private static final long FIVE_MIB = 5L << 20;

    @Override
    public String engine() {
        return "netty";
    }

    @Override
    public Outcome run(InteropCase c, InteropSettings s) throws Exception {
        try {
            Quic.ensureAvailability();
        } catch (Throwable t) {
            return Outcome.unsupported("Netty's native QUIC library does not load here: " + t.getMessage());
        }
        long t = s.caseTimeout().toMillis();
        return switch (c) {
            case HANDSHAKE -> handshake(s, t);
            case TRANSFER -> transfer(s, t);
            case MULTIPLEXING -> multiplexing(s, t);
            case HTTP3 -> http3(s, t);
            case RETRY -> retry(s, t);
            case RESUMPTION -> resumption(s, t);
            case ZERORTT -> zeroRtt(s, t);
            case CHACHA20 -> Outcome.unsupported("BoringSSL (quiche) lets no client restrict its TLS 1.3 cipher suites");
            case KEYUPDATE -> Outcome.unsupported("quiche as built into Netty offers no way to start a key update");
            case V2 -> Outcome.unsupported("quiche as built into Netty speaks QUIC v1 only");
            case GOAWAY -> goaway(s, t);
            case STREAMLIMITS -> streamLimits(s, t);
        };
    }

    private static Outcome handshake(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s); InteropQuicConnection c = client.connect()) {
            H3Response r = c.get(s.path("/")).get(t, TimeUnit.MILLISECONDS);
            Set<Integer> versions = c.watch.serverVersions();
            String alpn = c.quic.sslEngine().getApplicationProtocol();
            String seen = "QUIC " + names(versions) + ", ALPN " + alpn + ", GET / -> " + r.status();
            return Outcome.check(versions.size() == 1 && "h3".equals(alpn), seen);
        }
    }

    private static Outcome transfer(InteropSettings s, long t) throws Exception {
        long window = 1L << 20;
        try (NettyInteropClient client = new NettyInteropClient(s, false, window, 256L << 10);
             InteropQuicConnection c = client.connect()) {
            long[] sizes = {1000, 200_000, FIVE_MIB};
            long total = 0;
            List<String> got = new ArrayList<>();
            for (long n : sizes) {
                H3Response r = c.get(s.path("/bytes/" + n)).get(t, TimeUnit.MILLISECONDS);
                if (r.status() != 200 || r.bodyBytes() != n) {
                    return Outcome.fail("/bytes/" + n + " -> " + r.status() + " with " + r.bodyBytes() + " bytes");
                }
                total += r.bodyBytes();
                got.add(String.valueOf(n));
            }
            return Outcome.pass("one connection, /bytes/{" + String.join(",", got) + "} all exact; " + total
                    + " bytes through a 1 MiB initial connection window, so the credit was extended (MAX_DATA)");
        }
    }

    private static Outcome multiplexing(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s); InteropQuicConnection c = client.connect()) {
            long initial = initialCredit(c);
            int n = (int) Math.min(2 * initial + 10, 2000);
            List<CompletableFuture<H3Response>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(c.getWithinCredit(s.path("/")));
            }
            int ok = countComplete(all, t);
            String seen = n + " requests on one connection with an initial credit of " + initial + " streams: " + ok
                    + " answered 200, " + c.streamLimitChanges() + " stream credit raises (MAX_STREAMS)";
            return Outcome.check(ok == n && c.streamLimitChanges() > 0 && n > initial, seen);
        }
    }

    private static Outcome http3(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s); InteropQuicConnection c = client.connect()) {
            int n = 20;
            List<CompletableFuture<H3Response>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(c.getWithinCredit(s.path("/bytes/" + (1000 + 37 * i))));
            }
            int headers = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                H3Response r = all.get(i).get(t, TimeUnit.MILLISECONDS);
                long want = 1000 + 37 * i;
                if (r.status() != 200 || r.bodyBytes() != want || !r.complete()) {
                    return Outcome.fail("/bytes/" + want + " -> " + r.status() + ", " + r.bodyBytes() + " bytes, content-length "
                            + r.contentLength());
                }
                headers = Math.min(headers, r.headerCount());
            }
            return Outcome.check(headers >= 2, n + " parallel GETs: all 200 with the asked body sizes; at least "
                    + headers + " header fields decoded (QPACK) per response, at most " + c.maxOpenStreams() + " streams at once");
        }
    }

    private static Outcome retry(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s); InteropQuicConnection c = client.connect()) {
            H3Response r = c.get(s.path("/")).get(t, TimeUnit.MILLISECONDS);
            int retries = c.watch.retriesReceived();
            if (retries == 0) {
                return Outcome.fail("the server sent no Retry (a server with Retry on is needed, e.g. quiver serve --retry)");
            }
            return Outcome.pass(retries + " Retry received; handshake completed with its token; GET / -> " + r.status());
        }
    }

    private static Outcome resumption(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s)) {
            firstConnection(client, s, t);
            try (InteropQuicConnection c2 = client.connect()) {
                H3Response r = c2.get(s.path("/")).get(t, TimeUnit.MILLISECONDS);
                Boolean resumed = QuicClientTls.sessionResumed(c2.quic.sslEngine());
                if (resumed == null) {
                    return Outcome.unsupported("this Netty version does not tell whether a session was resumed");
                }
                return Outcome.check(resumed, "second connection " + (resumed ? "resumed" : "did not resume")
                        + " the first one's TLS session; GET / -> " + r.status());
            }
        }
    }

    private static Outcome zeroRtt(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s, true, 16L << 20, 8L << 20)) {
            firstConnection(client, s, t);
            try (InteropQuicConnection c2 = client.connect(s.path("/"))) {
                CompletableFuture<H3Response> early = c2.earlyResponse();
                if (early == null) {
                    return Outcome.fail("no 0-RTT keys on the second connection: the server's session ticket allows no early data");
                }
                H3Response r;
                try {
                    r = early.get(t / 2, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    return Outcome.fail("request sent in " + c2.watch.zeroRttSent() + " 0-RTT packets; no response within "
                            + t / 2 + " ms");
                }
                QuicConnectionStats stats = c2.quic.collectStats().get(t, TimeUnit.MILLISECONDS);
                int sent = c2.watch.zeroRttSent();
                // A server that rejects 0-RTT drops those packets; quiche then resends the request in
                // 1-RTT packets, counted as retransmitted stream bytes.
                boolean accepted = sent > 0 && stats.streamRetransBytes() == 0 && r.status() == 200;
                return Outcome.check(accepted, "request sent in " + sent + " 0-RTT packets; "
                        + stats.streamRetransBytes() + " stream bytes resent after the handshake"
                        + (stats.streamRetransBytes() == 0 ? " (server accepted the early data)" : " (server rejected the early data)")
                        + "; GET / -> " + r.status());
            }
        }
    }

    private static Outcome goaway(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s)) {
            int below = 0;
            int sent = 0;
            long goaway;
            try (InteropQuicConnection c = client.connect()) {
                List<H3Response> done = new ArrayList<>();
                while (c.goawayId() < 0 && sent < 100) {
                    List<CompletableFuture<H3Response>> batch = List.of(c.getWithinCredit(s.path("/")),
                            c.getWithinCredit(s.path("/")));
                    sent += batch.size();
                    for (CompletableFuture<H3Response> f : batch) {
                        try {
                            done.add(f.get(t, TimeUnit.MILLISECONDS));
                        } catch (java.util.concurrent.ExecutionException e) {
                            // beyond the GOAWAY id: may be refused
                        }
                    }
                }
                goaway = c.goawayId();
                if (goaway < 0) {
                    return Outcome.fail("no GOAWAY after " + sent + " requests (a server sending GOAWAY is needed, e.g. quiver serve --goaway-every 10)");
                }
                for (H3Response r : done) {
                    if (r.streamId() < goaway) {
                        if (r.status() != 200) {
                            return Outcome.fail("stream " + r.streamId() + " below GOAWAY id " + goaway + " -> " + r.status());
                        }
                        below++;
                    }
                }
            }
            try (InteropQuicConnection c2 = client.connect()) {
                H3Response r = c2.get(s.path("/")).get(t, TimeUnit.MILLISECONDS);
                return Outcome.check(r.status() == 200 && below > 0, "GOAWAY id " + goaway + " after " + sent
                        + " requests; " + below + " requests below it completed; nothing more sent on that connection; "
                        + "the next request on a new connection -> " + r.status());
            }
        }
    }

    private static Outcome streamLimits(InteropSettings s, long t) throws Exception {
        try (NettyInteropClient client = new NettyInteropClient(s); InteropQuicConnection c = client.connect()) {
            long limit = initialCredit(c);
            int n = (int) Math.min(Math.max(4 * limit, 20), 2000);
            List<CompletableFuture<H3Response>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(c.getWithinCredit(s.path("/")));
            }
            int ok = countComplete(all, t);
            String seen = "server's MAX_STREAMS " + limit + "; " + n + " requests queued at once; at most "
                    + c.maxOpenStreams() + " streams open at once; " + ok + " answered 200";
            return Outcome.check(ok == n && c.maxOpenStreams() <= limit, seen);
        }
    }

    /** Opens a connection, gets {@code /}, waits a moment for the session ticket, closes. */
    private static void firstConnection(NettyInteropClient client, InteropSettings s, long t) throws Exception {
        try (InteropQuicConnection c1 = client.connect()) {
            c1.get(s.path("/")).get(t, TimeUnit.MILLISECONDS);
            Thread.sleep(200); // NewSessionTicket follows the handshake; let it arrive
        }
    }

    /** The server's initial bidirectional stream credit; Netty reads it after the first packet past the handshake. */
    private static long initialCredit(InteropQuicConnection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long v;
        while ((v = c.streamsLeft()) <= 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (v <= 0) {
            throw new java.io.IOException("the server gave no stream credit");
        }
        return v;
    }

    private static int countComplete(List<CompletableFuture<H3Response>> all, long t) throws Exception {
        int ok = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t);
        for (CompletableFuture<H3Response> f : all) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (f.get(left, TimeUnit.MILLISECONDS).complete()) {
                ok++;
            }
        }
        return ok;
    }

    private static String names(Set<Integer> versions) {
        List<String> out = new ArrayList<>();
        for (int v : versions) {
            out.add(LongHeaderWatch.versionName(v));
        }
        return versions.isEmpty() ? "(no long header seen)" : String.join("+", out);
    }
}
