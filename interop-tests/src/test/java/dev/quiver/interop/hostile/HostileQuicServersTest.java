package dev.quiver.interop.hostile;

import static dev.quiver.interop.hostile.QuiverUnderAttack.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * quiver's HTTP/3 engines (netty and kwik) against hostile QUIC servers: resets and GOAWAYs with
 * random codes and ids, an endless body, an endless header block, and garbage instead of QUIC.
 * Every run ends by itself with a report or one line, its books balance, and no stack trace
 * reaches the user.
 */
class HostileQuicServersTest {

    private static final List<String> TABLE = new CopyOnWriteArrayList<>();
    private static final TwoAtATime RUNNER = new TwoAtATime();

    /** One hostile case for one engine; {@code connectTimeout} is quiver's. */
    record Case(String name, String engine, Server server, String connectTimeout, Set<Integer> exits,
                Consumer<Run> expect) {
        @Override
        public String toString() {
            return name + " (" + engine + ")";
        }
    }

    @FunctionalInterface
    interface Server {
        HostileUdpServer start(String name) throws Exception;
    }

    /** What one case left behind: quiver's run, and the server's facts taken before it closed. */
    record Attack(Run run, String server, long reached) {
    }

    static Stream<Case> cases() {
        Consumer<Run> resets = r -> assertTrue(streams(r, "reset_by_peer") > 0, "streams reset: " + r.stdout());
        Consumer<Run> timesOut = r -> assertTrue(streams(r, "timed_out") > 0, "requests time out: " + r.stdout());
        Consumer<Run> none = r -> { };
        // No response was ever complete: none may be counted (kwik's Flupke makes up a 414 for headers it refuses).
        Consumer<Run> refused = r -> {
            assertEquals(0, r.report().at("/requests/ok").asLong(), r.stdout());
            assertTrue(r.report().at("/streams/protocol_error").asLong() > 0, r.stdout());
        };
        // 10 s to connect: a first handshake (Kwik's above all) can take seconds on a busy machine.
        return Stream.of("netty", "kwik").flatMap(engine -> Stream.of(
                new Case("h3 RESET_STREAM random codes", engine, quic(Http3Hostility.resetEveryStream()), "10s", Set.of(0),
                        resets),
                new Case("h3 GOAWAY random ids", engine, quic(Http3Hostility.randomGoaways()), "10s", Set.of(0), none),
                new Case("h3 endless DATA", engine, quic(Http3Hostility.endlessData()), "10s", Set.of(0), timesOut),
                new Case("h3 endless HEADERS", engine, quic(Http3Hostility.endlessHeaders()), "10s", Set.of(0), refused),
                // 5 s: kwik sets up a connection (class loading, keys) before its first packet, seconds on a busy machine.
                new Case("h3 garbage UDP", engine, name -> new GarbageUdpServer(), "5s", Set.of(3), none)));
    }

    private static Server quic(QuicHostileServer.Behaviour behaviour) {
        return name -> new QuicHostileServer(name, behaviour);
    }

    @TestFactory
    Stream<DynamicTest> quiverEndsCleanly() {
        return RUNNER.run(cases().toList(), Case::toString, HostileQuicServersTest::attack, HostileQuicServersTest::check);
    }

    private static Attack attack(Case c) throws Exception {
        try (HostileUdpServer server = c.server().start(c.name())) {
            Run r = QuiverUnderAttack.run(c.toString(), server.url(), c.connectTimeout(), "--http", "3",
                    "--engine", c.engine(), "--insecure");
            TABLE.add(r.row());
            return new Attack(r, server.toString(), server.reached());
        }
    }

    private static void check(Case c, Attack a) {
        try {
            assertTrue(a.reached() > 0, "nothing from quiver reached the server");
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
        System.out.println("hostile QUIC servers: case, exit code, time to end, peak RSS");
        TABLE.forEach(System.out::println);
    }
}
