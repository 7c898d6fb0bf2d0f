package dev.quiver.lab.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BottleneckTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void aSaturatedLinkDeliversAtItsRate() {
        long bps = 10_000_000L;
        Bottleneck b = new Bottleneck(bps, 1500, QueueLimit.ofTime(50 * MS));
        long bytes = 0;
        long lastDeparture = 0;
        // 1500-byte packets offered at twice the rate for 10 s
        long gap = 1500 * 8 * S / (2 * bps);
        for (long t = 0; t < 10 * S; t += gap) {
            long d = b.admit(1500, t);
            if (d >= 0) {
                bytes += 1500;
                lastDeparture = d;
            }
        }
        double rate = bytes * 8.0 / (lastDeparture / 1e9);
        assertEquals(bps, rate, bps * 0.01, "delivered rate");
    }

    @Test
    void aTimeLimitedQueueDropsWhatWouldWaitLonger() {
        Bottleneck b = new Bottleneck(1_000_000L, 1000, QueueLimit.ofTime(50 * MS));
        int admitted = 0;
        long maxWait = 0;
        for (int i = 0; i < 100; i++) {
            long d = b.admit(1000, 0);
            if (d >= 0) {
                admitted++;
                maxWait = Math.max(maxWait, d);
            }
        }
        // 1000 bytes take 8 ms at 1 Mbit/s; the first goes at once (full bucket), then 6 more fit in 50 ms
        assertEquals(7, admitted);
        assertEquals(48 * MS, maxWait);
    }

    @Test
    void aPacketLimitedQueueHoldsThatManyPackets() {
        Bottleneck b = new Bottleneck(1_000_000L, 1000, QueueLimit.ofPackets(5));
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += b.admit(1000, 0) >= 0 ? 1 : 0;
        }
        assertEquals(6, admitted, "the one that leaves at once and 5 waiting");
        // once the first waiting one has left, one more fits
        assertTrue(b.admit(1000, 8 * MS) >= 0);
        assertEquals(-1, b.admit(1000, 8 * MS));
    }

    @Test
    void anIdleLinkSendsAtOnce() {
        Bottleneck b = new Bottleneck(1_000_000L, 1500, QueueLimit.ofTime(50 * MS));
        assertEquals(0, b.admit(100, 0));
        assertEquals(S, b.admit(1500, S), "after a second idle the bucket is full again");
    }
}
