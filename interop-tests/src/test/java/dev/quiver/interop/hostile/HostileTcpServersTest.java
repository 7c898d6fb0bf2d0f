package dev.quiver.interop.hostile;

import static dev.quiver.interop.hostile.QuiverUnderAttack.streams;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.interop.hostile.QuiverUnderAttack.Run;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * quiver against hostile HTTP/1.1 and HTTP/2 servers over TCP (and TLS): every run ends by itself
 * with a report or one line, its books balance, and no stack trace reaches the user.
 */
class HostileTcpServersTest {

    private static final Set<Integer> REPORT = Set.of(0);
    private static final Set<Integer> UNREACHABLE = Set.of(3);
    /** The server breaks the connection so early that it depends on timing whether the first one counts as open. */
    private static final Set<Integer> EITHER = Set.of(0, 3);
    private static final List<String> TABLE = new CopyOnWriteArrayList<>();
    private static final TwoAtATime RUNNER = new TwoAtATime();

    /** One hostile case: a server, how quiver is pointed at it, and what the run must show besides the common checks. */
    record Case(String name, Server server, String scheme, List<String> flags, Set<Integer> exits, Consumer<Run> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Server {
        TcpHostileServer start(String name) throws Exception;
    }

    static Stream<Case> cases() {
        List<String> h1 = List.of("--http", "1.1");
        List<String> h2 = List.of("--http", "2");
        List<String> h2tls = List.of("--http", "2", "--insecure");
        List<String> h1tls = List.of("--http", "1.1", "--insecure");
        Consumer<Run> timesOut = r -> assertTrue(streams(r, "timed_out") > 0, "requests time out: " + r.stdout());
        Consumer<Run> fails = r -> assertTrue(r.report().at("/requests/failed").asLong() > 0, "requests fail: " + r.stdout());
        Consumer<Run> none = r -> { };
        return Stream.of(
                new Case("h1 never answers", plain(TransportHostility.neverAnswers()), "http", h1, REPORT, timesOut),
                new Case("h1 garbage", plain(TransportHostility.garbage()), "http", h1, REPORT, fails),
                new Case("h1 garbage inside TLS", tls(TransportHostility.garbage()), "https", h1tls, REPORT, fails),
                new Case("h1 close at once", plain(TransportHostility.closeAtOnce()), "http", h1, EITHER, none),
                new Case("h1 reset at once", plain(TransportHostility.resetAtOnce()), "http", h1, EITHER, none),
                new Case("h1 reset after request", plain(TransportHostility.resetAfterRequest()), "http", h1, REPORT, fails),
                new Case("h1 endless chunked body", plain(Http1Hostility.endlessChunkedBody()), "http", h1, REPORT, timesOut),
                new Case("h1 endless header", plain(Http1Hostility.endlessHeader()), "http", h1, REPORT,
                        r -> QuiverUnderAttack.assertAllErrors(r, "protocol_error: invalid HTTP/1.1 response")),
                new Case("h1 slow drip", plain(Http1Hostility.slowDrip(50)), "http", h1, REPORT, timesOut),
                new Case("h1 unique status and reason", plain(Http1Hostility.uniqueStatusAndReason()), "http", h1, REPORT,
                        r -> assertTrue(r.report().at("/requests/ok").asLong() > 0, r.stdout())),
                new Case("tls never answers (handshake)", plain(TransportHostility.neverAnswers()), "https", h1tls, UNREACHABLE, none),
                new Case("tls garbage instead of handshake", plain(TransportHostility.garbage()), "https", h2tls, UNREACHABLE, none),
                new Case("tls reset after client hello", plain(TransportHostility.resetAfterRequest()), "https", h2tls, UNREACHABLE, none),
                new Case("h2c garbage", plain(TransportHostility.garbage()), "http", h2, UNREACHABLE, none),
                new Case("h2c never answers (no SETTINGS)", plain(TransportHostility.neverAnswers()), "http", h2, UNREACHABLE,
                        none),
                new Case("h2c close at once", plain(TransportHostility.closeAtOnce()), "http", h2, UNREACHABLE, none),
                new Case("h2c reset after preface", plain(TransportHostility.resetAfterRequest()), "http", h2, UNREACHABLE,
                        none),
                new Case("h2c silent after SETTINGS", plain(Http2Hostility.settingsThenSilence()), "http", h2, REPORT, timesOut),
                new Case("h2c RST_STREAM random codes", plain(Http2Hostility.resetEveryStream()), "http", h2, REPORT,
                        r -> assertTrue(streams(r, "reset_by_peer") > 0, r.stdout())),
                new Case("h2 RST_STREAM random codes (TLS)", tls(Http2Hostility.resetEveryStream()), "https", h2tls, REPORT,
                        r -> assertTrue(streams(r, "reset_by_peer") > 0, r.stdout())),
                new Case("h2c GOAWAY random ids and codes", plain(Http2Hostility.randomGoaways()), "http", h2, REPORT,
                        r -> assertTrue(r.report().at("/connections/goaway_received").asLong() > 0, r.stdout())),
                new Case("h2c endless DATA", plain(Http2Hostility.endlessData()), "http", h2, REPORT, timesOut),
                new Case("h2c endless CONTINUATION", plain(Http2Hostility.endlessHeaders()), "http", h2, REPORT,
                        r -> QuiverUnderAttack.assertAllErrors(r, "protocol_error: connection error ")),
                new Case("h2c slow drip", plain(Http2Hostility.slowDrip(50)), "http", h2, REPORT, timesOut));
    }

    private static Server plain(TcpBehaviour b) {
        return name -> TcpHostileServer.plain(name, b);
    }

    private static Server tls(TcpBehaviour b) {
        return name -> TcpHostileServer.tls(name, b);
    }

    /** What one case left behind: quiver's run, and the server's facts taken before it closed. */
    record Attack(Run run, String server, long accepted) {
    }

    @TestFactory
    Stream<DynamicTest> quiverEndsCleanly() {
        return RUNNER.run(cases().toList(), Case::name, HostileTcpServersTest::attack, HostileTcpServersTest::check);
    }

    private static Attack attack(Case c) throws Exception {
        try (TcpHostileServer server = c.server().start(c.name())) {
            String connectTimeout = c.exits().contains(0) ? "5s" : "2s";
            Run r = QuiverUnderAttack.run(c.name(), server.url(c.scheme()), connectTimeout, c.flags().toArray(String[]::new));
            TABLE.add(r.row());
            return new Attack(r, server.toString(), server.accepted());
        }
    }

    private static void check(Case c, Attack a) {
        try {
            assertTrue(a.accepted() > 0, "quiver never connected");
            QuiverUnderAttack.assertSane(a.run(), c.exits());
            if (a.run().exitCode() == 0) {
                c.expect().accept(a.run());
            }
        } catch (AssertionError e) {
            throw new AssertionError(a.server() + ": " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void printTable() throws InterruptedException {
        RUNNER.close();
        System.out.println("hostile TCP servers: case, exit code, time to end, peak RSS");
        TABLE.forEach(System.out::println);
    }
}
