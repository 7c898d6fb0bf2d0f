package dev.quiver.interop.hostile;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * One hostile server by hand, to watch quiver against it outside the tests (e.g. under
 * {@code /usr/bin/time -v}): prints its URL, serves until stdin closes or 10 minutes pass.
 * Usage: {@code java -cp <test classpath> dev.quiver.interop.hostile.HostileServerMain NAME}.
 */
final class HostileServerMain {

    private static final Map<String, Callable<AutoCloseable>> SERVERS = new TreeMap<>();

    static {
        tcp("never-answers", TransportHostility.neverAnswers(), false);
        tcp("garbage", TransportHostility.garbage(), false);
        tcp("garbage-tls", TransportHostility.garbage(), true);
        tcp("close-at-once", TransportHostility.closeAtOnce(), false);
        tcp("reset-at-once", TransportHostility.resetAtOnce(), false);
        tcp("reset-after-request", TransportHostility.resetAfterRequest(), false);
        tcp("h1-endless-body", Http1Hostility.endlessChunkedBody(), false);
        tcp("h1-endless-header", Http1Hostility.endlessHeader(), false);
        tcp("h1-slow-drip", Http1Hostility.slowDrip(50), false);
        tcp("h1-unique-status", Http1Hostility.uniqueStatusAndReason(), false);
        tcp("h2-silent", Http2Hostility.settingsThenSilence(), false);
        tcp("h2-rst", Http2Hostility.resetEveryStream(), false);
        tcp("h2-rst-tls", Http2Hostility.resetEveryStream(), true);
        tcp("h2-goaway", Http2Hostility.randomGoaways(), false);
        tcp("h2-endless-data", Http2Hostility.endlessData(), false);
        tcp("h2-endless-headers", Http2Hostility.endlessHeaders(), false);
        tcp("h2-slow-drip", Http2Hostility.slowDrip(50), false);
        quic("h3-reset", Http3Hostility.resetEveryStream());
        quic("h3-goaway", Http3Hostility.randomGoaways());
        quic("h3-endless-data", Http3Hostility.endlessData());
        quic("h3-endless-headers", Http3Hostility.endlessHeaders());
        SERVERS.put("udp-garbage", () -> {
            GarbageUdpServer s = new GarbageUdpServer();
            System.out.println(s.url());
            return s;
        });
    }

    private HostileServerMain() {
    }

    private static void tcp(String name, TcpBehaviour b, boolean tls) {
        SERVERS.put(name, () -> {
            TcpHostileServer s = tls ? TcpHostileServer.tls(name, b) : TcpHostileServer.plain(name, b);
            System.out.println(s.url(tls ? "https" : "http"));
            return s;
        });
    }

    private static void quic(String name, QuicHostileServer.Behaviour b) {
        SERVERS.put(name, () -> {
            QuicHostileServer s = new QuicHostileServer(name, b);
            System.out.println(s.url());
            return s;
        });
    }

    public static void main(String[] args) throws Exception {
        Callable<AutoCloseable> factory = args.length == 1 ? SERVERS.get(args[0]) : null;
        if (factory == null) {
            System.err.println("usage: HostileServerMain " + String.join("|", SERVERS.keySet()));
            System.exit(2);
        }
        try (AutoCloseable server = factory.call()) {
            System.out.flush();
            Thread waiter = Thread.ofPlatform().daemon().start(() -> {
                try {
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException ignored) {
                    // stdin gone: stop
                }
            });
            waiter.join(600_000);
        }
    }
}
