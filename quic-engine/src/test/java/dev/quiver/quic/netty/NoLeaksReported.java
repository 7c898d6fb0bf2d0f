package dev.quiver.quic.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty's leak detector reports a ByteBuf that was never released. This module's
 * test JVM has no custom leak detector, so the reports are caught where Netty writes them: its
 * logger, which goes to java.util.logging here. Reports come when a leaked buffer is garbage
 * collected and the detector next tracks a buffer, so this collects garbage and allocates a few
 * buffers before it looks.
 */
final class NoLeaksReported implements BeforeAllCallback, AfterEachCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    /** Held strongly: java.util.logging keeps loggers weakly, and the handler must stay attached. */
    private static final Logger DETECTOR_LOG = Logger.getLogger(ResourceLeakDetector.class.getName());

    static {
        DETECTOR_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (message != null && message.contains("LEAK")) {
                    LEAKS.add(message.length() > 500 ? message.substring(0, 500) : message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The static initializer has attached the handler.
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            for (int j = 0; j < 64; j++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                b.release();
            }
        }
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(), "leak detection level");
        assertEquals(List.of(), List.copyOf(LEAKS), "Netty ByteBuf leaks");
    }
}
