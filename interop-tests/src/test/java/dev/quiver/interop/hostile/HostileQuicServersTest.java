package dev.quiver.interop.hostile;

import static dev.quiver.interop.hostile.QuiverUnderAttack.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.interop.hostile.QuiverUnderAttack.Run;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * quiver's HTTP/3 engines (netty and kwik) against hostile QUIC servers: resets and GOAWAYs with
 * random codes and ids, an endless body, an endless header block, and garbage instead of QUIC. Every run ends by itself with
 * a report or one line, its books balance, and no stack trace reaches the user.
 */
class HostileQuicServersTest {

    private static final List<String> TABLE = new CopyOnWriteArrayList<>();

    /** One hostile HTTP/3 case for one engine. */
    record Case(String name, String engine, Supplier<QuicHostileServer.Behaviour> behaviour, Set<Integer> exits,
                Consumer<Run> expect) {
        @Override
        public String toString() {
            return name + " (" + engine + ")";
        }
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
        return Stream.of("netty", "kwik").flatMap(engine -> Stream.of(
                new Case("h3 RESET_STREAM random codes", engine, Http3Hostility::resetEveryStream, Set.of(0), resets),
                new Case("h3 GOAWAY random ids", engine, Http3Hostility::randomGoaways, Set.of(0), none),
                new Case("h3 endless DATA", engine, Http3Hostility::endlessData, Set.of(0), timesOut),
                new Case("h3 endless HEADERS", engine, Http3Hostility::endlessHeaders, Set.of(0), refused)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void quiverEndsCleanly(Case c) throws Exception {
        try (QuicHostileServer server = new QuicHostileServer(c.name(), c.behaviour().get())) {
            Run r = QuiverUnderAttack.run(c + "", server.url(), "5s", "--http", "3", "--engine", c.engine(), "--insecure");
            TABLE.add(r.row());
            try {
                assertTrue(server.requests() > 0, "no request reached the server");
                QuiverUnderAttack.assertSane(r, c.exits());
                if (r.exitCode() == 0) {
                    c.expect().accept(r);
                }
            } catch (AssertionError e) {
                throw new AssertionError(server + ": " + e.getMessage(), e);
            }
        }
    }

    @ParameterizedTest(name = "garbage UDP ({0})")
    @MethodSource("engines")
    void garbageInsteadOfQuicIsUnreachable(String engine) throws Exception {
        try (GarbageUdpServer server = new GarbageUdpServer()) {
            Run r = QuiverUnderAttack.run("h3 garbage UDP (" + engine + ")", server.url(), "2s", "--http", "3",
                    "--engine", engine, "--insecure");
            TABLE.add(r.row());
            try {
                assertTrue(server.received() > 0, "quiver sent nothing");
                QuiverUnderAttack.assertSane(r, Set.of(3));
            } catch (AssertionError e) {
                throw new AssertionError(server + ": " + e.getMessage(), e);
            }
        }
    }

    static Stream<String> engines() {
        return Stream.of("netty", "kwik");
    }

    @AfterAll
    static void printTable() {
        System.out.println("hostile QUIC servers: case, exit code, time to end, peak RSS");
        TABLE.forEach(System.out::println);
    }
}
