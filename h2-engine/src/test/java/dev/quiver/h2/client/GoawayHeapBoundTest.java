package dev.quiver.h2.client;

import static dev.quiver.h2.client.LoadHarness.assertBooksBalance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.RunResult;
import dev.quiver.h2.client.LoadHarness.Variant;
import dev.quiver.h2.server.EmbeddedServer;
import dev.quiver.h2.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A load tester that keeps something per connection or per request grows without bound when the
 * server sends GOAWAY every 100 requests (one well-known tool reached 50 GB). quiver's heap after
 * GC must stay flat: within 16 MB between 20k requests and the end of 200k.
 * It runs over h2c: 2,000 TLS handshakes would make this test about CPU, not memory.
 */
class GoawayHeapBoundTest {

    private static final long REQUESTS = 200_000;
    private static final long BOUND_BYTES = 16L << 20;

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

    @Test
    void heapStaysFlatUnderGoawayEvery100() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong early = new AtomicLong(-1);
        AtomicLong late = new AtomicLong(-1);
        AtomicLong done = new AtomicLong();
        try (EmbeddedServer server = new EmbeddedServer(
                ServerConfig.builder().tlsPort(-1).plainPort(0).threads(1).goawayEvery(100).build()).start()) {
            RunResult r = LoadHarness.run(Variant.H2C, server, "/", 8, 10, REQUESTS, Duration.ofSeconds(10), s -> {
                long n = done.addAndGet(s.completed() + s.failed());
                if (early.get() < 0 && n >= 20_000) {
                    early.set(heapAfterGc(memory));
                } else if (n >= REQUESTS * 8 / 10) {
                    late.set(heapAfterGc(memory)); // the last sample near the end of the load wins
                }
            });
            assertBooksBalance(r, REQUESTS);
            assertEquals(r.failed(), LoadHarness.errorsStartingWith(r, "refused: "), r.errors().toString());
            assertTrue(r.connectionsOpened() >= REQUESTS / 100 * 9 / 10, "GOAWAYs forced reconnects: " + r.connectionsOpened());
        }
        assertTrue(early.get() > 0 && late.get() > 0, "both heap samples taken");
        long growth = late.get() - early.get();
        System.out.printf("heap after GC: %.1f MB at 20k, %.1f MB near 200k (growth %.1f MB)%n",
                early.get() / 1e6, late.get() / 1e6, growth / 1e6);
        assertTrue(growth < BOUND_BYTES, "heap grew by " + growth / 1_000_000 + " MB");
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
