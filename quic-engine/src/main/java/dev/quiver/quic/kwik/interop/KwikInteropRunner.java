package dev.quiver.quic.kwik.interop;

import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropRunner;
import dev.quiver.core.interop.InteropSettings;
import dev.quiver.core.interop.Outcome;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicSessionTicket;

/**
 * The interop cases on the {@code kwik} engine's stack (Kwik QUIC, Flupke HTTP/3). Everything is
 * checked on what {@link WireTap} saw in the packets or Kwik reports; GOAWAY on what the engine's
 * own control-stream reader saw (Flupke 0.9.4 does not read it).
 */
public final class KwikInteropRunner implements InteropRunner {

    private static final long FIVE_MIB = 5L << 20;

    @Override
    public String engine() {
        return "kwik";
    }

    @Override
    public Outcome run(InteropCase c, InteropSettings s) throws Exception {
        long t = s.caseTimeout().toMillis();
        return switch (c) {
            case HANDSHAKE -> handshake(s);
            case TRANSFER -> transfer(s);
            case MULTIPLEXING -> multiplexing(s, t);
            case HTTP3 -> http3(s, t);
            case RETRY -> retry(s);
            case RESUMPTION -> resumption(s);
            case ZERORTT -> zeroRtt(s, t);
            case CHACHA20 -> chacha20(s);
            case KEYUPDATE -> keyUpdate(s, t);
            case V2 -> v2(s);
            case GOAWAY -> goaway(s, t);
            case STREAMLIMITS -> streamLimits(s, t);
        };
    }

    private static Outcome handshake(InteropSettings s) throws Exception {
        try (KwikInteropConnection c = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            HttpResponse<byte[]> r = c.get(s.path("/"));
            String alpn = c.tap.serverAlpn.get();
            return Outcome.check(c.version() == QuicConnection.QuicVersion.V1 && "h3".equals(alpn),
                    "QUIC " + version(c.version()) + ", ALPN " + alpn + ", GET / -> " + r.statusCode());
        }
    }

    private static Outcome transfer(InteropSettings s) throws Exception {
        var o = new KwikInteropConnection.Options(null, null, null, 256L << 10, null);
        try (KwikInteropConnection c = KwikInteropConnection.open(s, o)) {
            long[] sizes = {1000, 200_000, FIVE_MIB};
            long total = 0;
            for (long n : sizes) {
                HttpResponse<byte[]> r = c.get(s.path("/bytes/" + n));
                if (r.statusCode() != 200 || r.body().length != n) {
                    return Outcome.fail("/bytes/" + n + " -> " + r.statusCode() + " with " + r.body().length + " bytes");
                }
                total += n;
            }
            int sent = c.tap.maxDataSent.get();
            return Outcome.check(sent > 0, "one connection, /bytes/{1000,200000," + FIVE_MIB + "} all exact (" + total
                    + " bytes) through 256 KiB stream windows; credit extended in " + sent
                    + " MAX_DATA/MAX_STREAM_DATA frames sent, " + c.tap.maxDataReceived.get() + " received");
        }
    }

    private static Outcome multiplexing(InteropSettings s, long t) throws Exception {
        try (KwikInteropConnection c = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            long initial = c.tap.streamCredit();
            if (initial <= 0) {
                return Outcome.fail("the server gave no initial bidirectional stream credit");
            }
            int n = (int) Math.min(2 * initial + 10, 2000);
            int ok = parallelGets(c, s, n, t);
            String seen = n + " requests on one connection with an initial credit of " + initial + " streams: " + ok
                    + " answered 200; " + c.tap.maxStreamsReceived.get() + " MAX_STREAMS frames received; "
                    + c.tap.streamsBeyondCredit.get() + " streams opened beyond credit";
            return Outcome.check(ok == n && c.tap.maxStreamsReceived.get() > 0 && c.tap.streamsBeyondCredit.get() == 0, seen);
        }
    }

    private static Outcome http3(InteropSettings s, long t) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             KwikInteropConnection c = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            int n = 20;
            List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String path = s.path("/bytes/" + (1000 + 37 * i));
                all.add(threads.submit(() -> c.get(path)));
            }
            int headers = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                HttpResponse<byte[]> r = all.get(i).get(t, TimeUnit.MILLISECONDS);
                long want = 1000 + 37 * i;
                long cl = r.headers().firstValueAsLong("content-length").orElse(want);
                if (r.statusCode() != 200 || r.body().length != want || cl != want) {
                    return Outcome.fail("/bytes/" + want + " -> " + r.statusCode() + ", " + r.body().length
                            + " bytes, content-length " + cl);
                }
                headers = Math.min(headers, r.headers().map().size() + 1);
            }
            return Outcome.check(headers >= 2, n + " parallel GETs: all 200 with the asked body sizes; at least "
                    + headers + " header fields decoded (QPACK) per response");
        }
    }

    private static Outcome retry(InteropSettings s) throws Exception {
        try (KwikInteropConnection c = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            HttpResponse<byte[]> r = c.get(s.path("/"));
            int retries = c.tap.retries.get();
            if (retries == 0) {
                return Outcome.fail("the server sent no Retry (a server with Retry on is needed, e.g. quiver serve --retry)");
            }
            return Outcome.pass(retries + " Retry received; handshake completed with its token; GET / -> " + r.statusCode());
        }
    }

    private static Outcome resumption(InteropSettings s) throws Exception {
        QuicSessionTicket ticket = firstConnection(s);
        if (ticket == null) {
            return Outcome.fail("the server sent no session ticket on the first connection");
        }
        var o = new KwikInteropConnection.Options(null, null, ticket, 0, null);
        try (KwikInteropConnection c2 = KwikInteropConnection.open(s, o)) {
            HttpResponse<byte[]> r = c2.get(s.path("/"));
            boolean resumed = !c2.sawServerCertificate();
            return Outcome.check(resumed, "second connection " + (resumed
                    ? "resumed the session (PSK handshake, no server certificate)"
                    : "did a full handshake (server certificate sent)") + "; GET / -> " + r.statusCode());
        }
    }

    /** Tries of the zerortt case: a quiche server declines about half of Kwik's 0-RTT attempts (cause unknown). */
    private static final int ZERO_RTT_TRIES = 3;

    private static Outcome zeroRtt(InteropSettings s, long t) throws Exception {
        List<String> declined = new ArrayList<>();
        long perTry = Math.max(1000, t / (ZERO_RTT_TRIES + 1));
        for (int i = 1; i <= ZERO_RTT_TRIES; i++) {
            QuicSessionTicket ticket = firstConnection(s);
            if (ticket == null) {
                return Outcome.fail("the server sent no session ticket on the first connection");
            }
            byte[] request = EarlyRequest.get(s.target().authority(), s.path("/"));
            var o = new KwikInteropConnection.Options(null, null, ticket, 0, request);
            try {
                Outcome o2 = zeroRttTry(s, o, i, perTry, declined);
                if (o2 != null) {
                    return o2;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // Kwik 0.10.8 itself fails some 0-RTT handshakes (e.g. a NullPointerException in its timer)
                declined.add("try " + i + ": " + e.getMessage());
            }
        }
        return Outcome.fail("0-RTT never accepted in " + ZERO_RTT_TRIES + " tries: " + String.join("; ", declined));
    }

    /** One try: the outcome when it is final, or null after noting in {@code declined} why it was not accepted. */
    private static Outcome zeroRttTry(InteropSettings s, KwikInteropConnection.Options o, int i, long perTry,
                                      List<String> declined) throws Exception {
        // The executor is declared first so that it closes last: closing the connection ends a blocked read.
        try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
             KwikInteropConnection c2 = KwikInteropConnection.open(s, o)) {
            String status = c2.earlyDataStatus();
            if (c2.earlyStream == null) {
                return Outcome.fail("Kwik sent no 0-RTT stream (early data status " + status + ")");
            }
            EarlyRequest.Response r;
            try {
                r = reader.submit(() -> EarlyRequest.read(c2.earlyStream)).get(perTry, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                declined.add("try " + i + ": early data " + describe(status) + ", no response within " + perTry + " ms");
                return null; // closing the connection ends the read
            }
            if ("Accepted".equals(status) && r.status() == 200) {
                return Outcome.pass("request sent as 0-RTT; early data accepted by the server; response 200 with "
                        + r.bodyBytes() + " body bytes" + (declined.isEmpty() ? "" : " (on try " + i + "; "
                        + String.join("; ", declined) + ")"));
            }
            declined.add("try " + i + ": early data " + describe(status) + ", response " + r.status());
            return null;
        }
    }

    /** Kwik's early data status in words: Requested after the handshake means the server declined it. */
    private static String describe(String status) {
        return switch (status) {
            case "Accepted" -> "accepted";
            case "Requested", "Refused" -> "declined by the server (Kwik resends it as 1-RTT)";
            default -> "status " + status;
        };
    }

    private static Outcome chacha20(InteropSettings s) throws Exception {
        var o = new KwikInteropConnection.Options(null, "TLS_CHACHA20_POLY1305_SHA256", null, 0, null);
        try (KwikInteropConnection c = KwikInteropConnection.open(s, o)) {
            HttpResponse<byte[]> r = c.get(s.path("/"));
            String cipher = c.selectedCipher();
            return Outcome.check(cipher != null && cipher.contains("CHACHA20"), "only TLS_CHACHA20_POLY1305_SHA256 offered; "
                    + "handshake settled on " + cipher + "; GET / -> " + r.statusCode());
        }
    }

    private static Outcome keyUpdate(InteropSettings s, long t) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             KwikInteropConnection c = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            if (!c.tap.seesKeyPhase()) {
                return Outcome.unsupported("this Kwik version hides the key phase of its packets");
            }
            Future<HttpResponse<byte[]>> transfer = threads.submit(() -> c.get(s.path("/bytes/" + FIVE_MIB)));
            // Once the client extends flow-control credit, the body is flowing: update the keys mid-transfer.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t / 2);
            while (c.tap.maxDataSent.get() == 0 && !transfer.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            boolean midTransfer = !transfer.isDone();
            c.updateKeys();
            HttpResponse<byte[]> r = transfer.get(t, TimeUnit.MILLISECONDS);
            HttpResponse<byte[]> after = c.get(s.path("/"));
            int sent = c.tap.keyPhaseChangesSent.get();
            int received = c.tap.keyPhaseChangesReceived.get();
            boolean ok = midTransfer && r.statusCode() == 200 && r.body().length == FIVE_MIB && sent >= 1 && received >= 1
                    && after.statusCode() == 200;
            return Outcome.check(ok, "key update started " + (midTransfer ? "during" : "after") + " a " + FIVE_MIB
                    + "-byte transfer, which completed with " + r.body().length + " bytes; key phase changed in "
                    + sent + " sent and " + received + " received 1-RTT packet runs; next GET -> " + after.statusCode());
        }
    }

    private static Outcome v2(InteropSettings s) throws Exception {
        var o = new KwikInteropConnection.Options(QuicConnection.QuicVersion.V2, null, null, 0, null);
        try (KwikInteropConnection c = KwikInteropConnection.open(s, o)) {
            HttpResponse<byte[]> r = c.get(s.path("/"));
            QuicConnection.QuicVersion v = c.version();
            return Outcome.check(v == QuicConnection.QuicVersion.V2, "started in v1 offering v2; "
                    + (v == QuicConnection.QuicVersion.V2 ? "negotiated v2" : "the server stayed on " + version(v))
                    + "; GET / -> " + r.statusCode());
        }
    }

    /** Requests on one connection before the goaway case concludes the server sends no GOAWAY. */
    private static final int GOAWAY_MAX_REQUESTS = 100;

    /**
     * Sequential GETs until the server's GOAWAY arrives: one request at a time, so the stream each
     * used is the highest one the tap saw sent. Requests below the GOAWAY id must have been
     * answered; one at or above it may be refused. Then a new connection must be answered.
     */
    private static Outcome goaway(InteropSettings s, long t) throws Exception {
        int below = 0;
        int sent = 0;
        long goaway;
        try (KwikInteropConnection c = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            List<long[]> done = new ArrayList<>(); // {stream id, status or -1 when it failed}
            String firstError = null;
            while (c.goawayId(0) < 0 && sent < GOAWAY_MAX_REQUESTS) {
                long before = c.tap.streamsOpened();
                sent++;
                int status;
                try {
                    status = c.get(s.path("/")).statusCode();
                } catch (java.io.IOException e) {
                    status = -1;
                    firstError = firstError == null ? e.getMessage() : firstError;
                }
                long opened = c.tap.streamsOpened();
                if (opened > before) {
                    done.add(new long[] {4 * (opened - 1), status});
                }
                if (status < 0) {
                    break; // a refused request or a closed connection: the GOAWAY may still be on its way
                }
            }
            goaway = c.goawayId(firstError != null ? Math.min(t, 2000) : 0);
            if (goaway < 0) {
                return Outcome.fail("no GOAWAY after " + sent + " requests (a server sending GOAWAY is needed, e.g. quiver serve --goaway-every 10)"
                        + (firstError == null ? "" : "; request " + sent + " failed: " + firstError));
            }
            for (long[] r : done) {
                if (r[0] < goaway) {
                    if (r[1] != 200) {
                        return Outcome.fail("stream " + r[0] + " below GOAWAY id " + goaway + " -> "
                                + (r[1] < 0 ? "failed: " + firstError : r[1]));
                    }
                    below++;
                }
            }
        }
        try (KwikInteropConnection c2 = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            HttpResponse<byte[]> r = c2.get(s.path("/"));
            return Outcome.check(r.statusCode() == 200 && below > 0, "GOAWAY id " + goaway + " after " + sent
                    + " requests; " + below + " requests below it completed; nothing more sent on that connection; "
                    + "the next request on a new connection -> " + r.statusCode());
        }
    }

    private static Outcome streamLimits(InteropSettings s, long t) throws Exception {
        try (KwikInteropConnection c = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            long limit = c.tap.streamCredit();
            if (limit <= 0) {
                return Outcome.fail("the server gave no initial bidirectional stream credit");
            }
            int n = (int) Math.min(Math.max(4 * limit, 20), 2000);
            int ok = parallelGets(c, s, n, t);
            int beyond = c.tap.streamsBeyondCredit.get();
            return Outcome.check(ok == n && beyond == 0, "server's initial MAX_STREAMS " + limit + "; " + n
                    + " requests at once; " + c.tap.streamsOpened() + " streams opened, " + beyond
                    + " beyond the credit given at the time (last credit " + c.tap.streamCredit() + "); " + ok + " answered 200");
        }
    }

    /** n GETs for / at once, one virtual thread each; how many ended 200. */
    private static int parallelGets(KwikInteropConnection c, InteropSettings s, int n, long t) throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(threads.submit(() -> c.get(s.path("/"))));
            }
            int ok = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t);
            for (Future<HttpResponse<byte[]>> f : all) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (f.get(left, TimeUnit.MILLISECONDS).statusCode() == 200) {
                    ok++;
                }
            }
            return ok;
        } finally {
            // No waiting here: requests still blocked end when the caller closes the connection.
            threads.shutdownNow();
        }
    }

    /** A first connection with one GET; returns the session ticket the server sent, or null. */
    private static QuicSessionTicket firstConnection(InteropSettings s) throws Exception {
        try (KwikInteropConnection c1 = KwikInteropConnection.open(s, KwikInteropConnection.Options.plain())) {
            c1.get(s.path("/"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (c1.quic.getNewSessionTickets().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<QuicSessionTicket> tickets = c1.quic.getNewSessionTickets();
            return tickets.isEmpty() ? null : tickets.get(tickets.size() - 1);
        }
    }

    private static String version(QuicConnection.QuicVersion v) {
        return v == null ? "unknown" : v.name().toLowerCase(java.util.Locale.ROOT);
    }
}
