package dev.quiver.lab.link;

import dev.quiver.lab.impair.HeldPacket;
import dev.quiver.lab.impair.ImpairedDirection;
import dev.quiver.lab.sys.ThreadScheduling;
import dev.quiver.lab.tun.TunClosedException;
import dev.quiver.lab.tun.TunDevice;
import java.io.IOException;

/**
 * One direction of the link on its own thread: reads packets from one TUN device, hands them to
 * the impairments, and writes each to the other device when it is due. It sleeps in
 * {@code ppoll} until a packet arrives or the next held one is due (nanosecond timeout), and
 * wakes at least every {@value #IDLE_POLL_MS} ms to see whether it should stop.
 */
final class DirectionPump implements Runnable {

    /** A rewrite applied to every packet as it enters (the NAT), or nothing. */
    interface Rewrite {
        void apply(byte[] packet, int len, long now);
    }

    private static final long IDLE_POLL_MS = 20;
    private static final int BATCH = 64;

    private final TunDevice in;
    private final TunDevice out;
    private final ImpairedDirection direction;
    private final Rewrite rewrite;
    private volatile boolean running = true;
    private volatile String ended;

    DirectionPump(TunDevice in, TunDevice out, ImpairedDirection direction, Rewrite rewrite) {
        this.in = in;
        this.out = out;
        this.direction = direction;
        this.rewrite = rewrite;
    }

    void stop() {
        running = false;
    }

    /** Why the pump ended on its own (a device went away), or null. */
    String ended() {
        return ended;
    }

    @Override
    public void run() {
        ThreadScheduling.raise();
        byte[] buf = new byte[TunDevice.MAX_PACKET];
        try {
            while (running) {
                long now = System.nanoTime();
                release(now);
                long next = direction.nextDue();
                long wait = next == Long.MAX_VALUE ? IDLE_POLL_MS * 1_000_000L : Math.min(IDLE_POLL_MS * 1_000_000L, next - now);
                if (wait > 0 && !in.awaitReadable(wait)) {
                    continue;
                }
                for (int i = 0; i < BATCH; i++) {
                    int n = in.read(buf);
                    if (n == 0) {
                        break;
                    }
                    long t = System.nanoTime();
                    if (rewrite != null) {
                        rewrite.apply(buf, n, t);
                    }
                    direction.offer(buf, n, t);
                    release(t);
                }
            }
        } catch (TunClosedException e) {
            if (running) {
                ended = e.getMessage();
            }
        } catch (IOException | RuntimeException e) {
            ended = e.toString();
        }
    }

    private void release(long now) throws TunClosedException {
        HeldPacket p;
        while ((p = direction.poll(now)) != null) {
            try {
                out.write(p.buffer(), 0, p.length());
                direction.delivered(p);
            } catch (TunClosedException e) {
                throw e;
            } catch (IOException e) {
                // EIO while the interface is not up, ENOBUFS under memory pressure: the packet is lost, counted.
                direction.failed(p);
            }
        }
    }
}
