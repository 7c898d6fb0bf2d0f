package dev.quiver.interop.contract;

import static dev.quiver.interop.contract.EngineContractTest.assertBooksBalance;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.Workload;
import dev.quiver.h2.client.NettyEngineProvider;
import dev.quiver.interop.contract.EngineContractTest.Faults;
import dev.quiver.interop.contract.EngineContractTest.TestServer;
import dev.quiver.quic.netty.NettyQuicEngineProvider;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A load tester that keeps something per connection or per request grows without bound when the
 * server keeps ending connections (one well-known tool reached 50 GB under HTTP/2 GOAWAY). Under
 * 200k requests with a GOAWAY or a close every 100, quiver's heap after GC must stay within 16 MB
 * of its level at 20k requests. The in-process server shares the heap, so it is held to it too.
 * HTTP/2 runs over h2c: 2,000 TLS handshakes would make the test about CPU, not memory.
 *
 * <p>The kwik engine is not among the cases yet: under a GOAWAY or a CONNECTION_CLOSE every 100
 * requests, its replacement connections now and then never see the server's HANDSHAKE_DONE and the
 * run stalls in reconnects (seen on an idle machine in the 20k-request case; the 4k-request contract
 * cases pass). Its live heap over a plain 1M-request run stays flat (10 MB after the last GC).
 */
class HeapBoundTest {

    private static final long REQUESTS = 200_000;
    private static final long BOUND_BYTES = 16L << 20;

    /** One engine against one kind of server ending. */
    record Case(String name, Supplier<EngineProvider> engine, Protocol protocol, Faults faults, boolean http3) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("HTTP/2 h2c, GOAWAY every 100", NettyEngineProvider::new, Protocol.HTTP_2,
                        new Faults(100, 0, 0, 0), false),
                new Case("HTTP/3 netty, GOAWAY every 100", NettyQuicEngineProvider::new, Protocol.HTTP_3,
                        new Faults(100, 0, 0, 0), true),
                new Case("HTTP/3 netty, CONNECTION_CLOSE every 100", NettyQuicEngineProvider::new, Protocol.HTTP_3,
                        new Faults(0, 100, 0, 0), true))
                .map(Arguments::of);
    }

    private ResourceLeakDetector.Level level;

    /** PARANOID leak tracking keeps records per buffer access: it would measure itself, not quiver. */
    @BeforeEach
    void plainLeakDetection() {
        level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    @AfterEach
    void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(level);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void heapStaysFlatWhileTheServerKeepsEndingConnections(Case c) throws Exception {
        AtomicLong early = new AtomicLong(-1);
        AtomicLong late = new AtomicLong(-1);
        AtomicLong done = new AtomicLong();
        try (TestServer server = c.http3() ? Http3Servers.start(c.faults()) : TcpServers.start(c.faults(), false)) {
            Workload w = new Workload(8, 10, REQUESTS, Duration.ofSeconds(300), 0, Duration.ofSeconds(10));
            RunSpec spec = new RunSpec(Target.parse(server.url("/")), c.protocol(), true, RequestTemplate.get(), w,
                    Duration.ofSeconds(10), 2, Duration.ofMillis(200));
            RunResult r = new Scheduler(spec, c.engine().get(), s -> {
                long n = done.addAndGet(s.completed() + s.failed());
                if (early.get() < 0 && n >= 20_000) {
                    early.set(heapAfterGc());
                } else if (n >= REQUESTS * 8 / 10) {
                    late.set(heapAfterGc()); // the last sample near the end of the load wins
                }
            }).run();
            assertBooksBalance(r, REQUESTS);
            assertTrue(r.connectionsOpened() >= REQUESTS / 100 * 8 / 10, "the server forced reconnects: " + r.connectionsOpened());
        }
        assertTrue(early.get() > 0 && late.get() > 0, "both heap samples taken");
        long growth = late.get() - early.get();
        System.out.printf("%s: heap after GC %.1f MB at 20k, %.1f MB near 200k (growth %.1f MB)%n",
                c.name(), early.get() / 1e6, late.get() / 1e6, growth / 1e6);
        assertTrue(growth < BOUND_BYTES, "heap grew by " + growth / 1_000_000 + " MB");
    }

    /**
     * Bytes of live objects, from the JVM's class histogram (the same numbers as {@code jcmd
     * GC.class_histogram}, which collects first); the heap's used size would also count what the
     * still running load allocated since the collection.
     */
    private static long heapAfterGc() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : histogram.split("\\R")) {
                if (line.startsWith("Total")) {
                    return Long.parseLong(line.trim().split("\\s+")[2]);
                }
            }
            throw new IllegalStateException("no Total line in the class histogram");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
