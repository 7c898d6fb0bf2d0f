package dev.quiver.h2.transport;

import dev.quiver.core.engine.LoopThreads;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * An event loop's select that never sleeps ({@code --busy-poll}): each turn asks epoll what is
 * ready without waiting, so the loop spins on a core instead of being woken. A client that sleeps
 * and wakes for every response preempts a server sharing its cores; one that spins does not, as a
 * C client that never runs out of work does not.
 *
 * <p>Netty's own busy wait spins inside native code until a socket is ready, past the loop's
 * timers; here every turn goes back through the loop, so its scheduled tasks run on time. A turn
 * that found no socket ready and no task is idle: its time is handed to the loop's
 * {@link LoopThreads.LoopThread#addIdle}, so that the client-bound check counts the loop's work, not
 * its spinning. One instance per event loop, used on that loop's thread only.
 */
final class SpinningSelect implements SelectStrategy {

    private final LoopThreads loops;
    private LoopThreads.LoopThread self;
    private boolean lastTurnIdle;
    private long lastTurnStart;

    SpinningSelect(LoopThreads loops) {
        this.loops = loops;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        long now = System.nanoTime();
        if (self == null) {
            self = loops.current(); // the loop's thread registers itself before its first turn
        }
        if (lastTurnIdle && self != null) {
            self.addIdle(now - lastTurnStart);
        }
        lastTurnStart = now;
        int ready = selectNow.get();
        lastTurnIdle = ready == 0 && !hasTasks;
        return ready;
    }
}
