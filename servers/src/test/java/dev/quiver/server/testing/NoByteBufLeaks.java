package dev.quiver.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty's leak detector found a ByteBuf that was never released. Leak reports
 * come when a leaked buffer is garbage collected and the detector next tracks a buffer, so this
 * collects garbage and allocates a few buffers before it looks.
 */
public final class NoByteBufLeaks implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        int before = RecordingLeakDetector.leaks().size();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            for (int j = 0; j < 64; j++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                b.release();
            }
        }
        List<String> leaks = RecordingLeakDetector.leaks();
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(), "leak detection level");
        assertEquals(List.of(), leaks, "Netty ByteBuf leaks (" + (leaks.size() - before) + " new in this test)");
    }
}
