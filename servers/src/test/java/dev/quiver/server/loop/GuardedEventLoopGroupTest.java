package dev.quiver.server.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.metrics.ServerCounters;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An Error that escapes Netty's own guards does not end a guarded event loop. The way out used
 * here is the one seen in the field: Netty catches a task's failure and logs it, and the logging
 * itself throws (there, the log formatter's time-zone data could not be loaded without a free
 * descriptor; here, a log handler that throws the same error).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GuardedEventLoopGroupTest {

    /** The logger Netty reports a failed task to. */
    private static final Logger TASK_LOG = Logger.getLogger("io.netty.util.concurrent.AbstractEventExecutor");

    /** A log handler that fails as the JDK's did out of descriptors. */
    private static final class FailingHandler extends Handler {
        final CountDownLatch failed = new CountDownLatch(1);

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                failed.countDown();
                throw new NoClassDefFoundError("Could not initialize class java.time.zone.ZoneRulesProvider");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theLoopSurvivesAnErrorThrownWhileAFailureIsLogged() throws Exception {
        Assumptions.assumeTrue(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory,
                "Netty logs through java.util.logging here");
        ServerCounters stats = new ServerCounters();
        EventLoopGroup group = new GuardedEventLoopGroup(1, "guarded-test", NioIoHandler.newFactory(), stats);
        FailingHandler failing = new FailingHandler();
        TASK_LOG.addHandler(failing);
        try {
            EventLoop loop = group.next();
            loop.execute(() -> {
                throw new IllegalStateException("the task fails, and so does the warning about it");
            });
            assertTrue(failing.failed.await(5, TimeUnit.SECONDS), "the warning failed");
            Thread.sleep(200); // an unguarded loop's thread ends here; it would reject or never run what follows
            CountDownLatch ran = new CountDownLatch(1);
            loop.execute(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the loop still runs tasks");
            assertEquals(1, stats.eventLoopErrors());
            assertTrue(stats.lastEventLoopError() instanceof NoClassDefFoundError, String.valueOf(stats.lastEventLoopError()));
            assertTrue(loop.schedule(() -> "later", 10, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS).equals("later"));
        } finally {
            TASK_LOG.removeHandler(failing);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
