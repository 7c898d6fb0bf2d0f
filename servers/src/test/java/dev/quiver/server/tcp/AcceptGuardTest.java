package dev.quiver.server.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.metrics.ServerCounters;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener's guard: accept failures pause, back off, resume by themselves, and go no further. */
class AcceptGuardTest {

    /** What Netty's listener fires when accept() finds no free descriptor (EMFILE), as its text has it. */
    private static IOException emfile() {
        return new IOException("accept(..) failed: Too many open files");
    }

    @Test
    void failurePausesAcceptingAndResumesByItselfWithADoublingPause() {
        ServerCounters stats = new ServerCounters();
        AcceptGuard guard = new AcceptGuard(stats);
        EmbeddedChannel listener = new EmbeddedChannel(guard);
        listener.freezeTime();
        IOException failure = emfile();

        listener.pipeline().fireExceptionCaught(failure);
        listener.checkException(); // nothing reached the end of the pipeline (no warning per failure)
        assertFalse(listener.config().isAutoRead(), "accepting pauses");
        assertEquals(1, stats.acceptFailures());
        assertSame(failure, stats.lastAcceptFailure());
        assertEquals(2 * AcceptGuard.MIN_PAUSE_MILLIS, guard.nextPauseMillis());

        listener.pipeline().fireExceptionCaught(emfile()); // more failures of the same read: one pause
        assertEquals(2, stats.acceptFailures());
        assertEquals(2 * AcceptGuard.MIN_PAUSE_MILLIS, guard.nextPauseMillis());

        listener.advanceTimeBy(AcceptGuard.MIN_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertTrue(listener.config().isAutoRead(), "accepting resumes after the pause");

        for (int i = 0; i < 20; i++) { // failures go on: the pause doubles up to its ceiling
            listener.pipeline().fireExceptionCaught(emfile());
            listener.advanceTimeBy(AcceptGuard.MAX_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            listener.runScheduledPendingTasks();
            assertTrue(listener.config().isAutoRead());
        }
        assertEquals(AcceptGuard.MAX_PAUSE_MILLIS, guard.nextPauseMillis());

        Object child = new Object();
        listener.writeInbound(child); // an accepted connection: passes on, and the pause starts short again
        assertSame(child, listener.readInbound());
        assertEquals(AcceptGuard.MIN_PAUSE_MILLIS, guard.nextPauseMillis());
        assertFalse(listener.finish());
    }

    @Test
    void aPauseThatEndsAfterTheListenerClosedDoesNothing() {
        ServerCounters stats = new ServerCounters();
        EmbeddedChannel listener = new EmbeddedChannel(new AcceptGuard(stats));
        listener.freezeTime();
        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: No buffer space available"));
        listener.close();
        listener.advanceTimeBy(AcceptGuard.MAX_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        listener.checkException();
        assertEquals(1, stats.acceptFailures());
        assertEquals(0, stats.connectionsShed(), "only a listener out of descriptors sheds");
    }
}
