package dev.quiver.lab.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.packet.IpPacket;
import dev.quiver.lab.packet.Packets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpairedDirectionTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private static ImpairedDirection direction(DirectionSpec spec) {
        return direction(spec, null);
    }

    private static ImpairedDirection direction(DirectionSpec spec, Blackhole blackhole) {
        return new ImpairedDirection("to_server", spec, blackhole, 7, 1500, new DirectionCounters());
    }

    @Test
    void delayIsExact() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withDelay(20 * MS));
        byte[] p = Directions.packet(0, 100);
        d.offer(p, p.length, 5 * MS);
        assertNull(d.poll(25 * MS - 1), "not before its time");
        assertEquals(25 * MS, d.nextDue());
        HeldPacket out = d.poll(25 * MS);
        assertEquals(25 * MS, out.due());
        List<Directions.Out> all = Directions.run(direction(DirectionSpec.PERFECT.withDelay(20 * MS)), 1000, 100, MS / 3);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i * (MS / 3) + 20 * MS, all.get(i).at(), "packet " + i);
        }
    }

    @Test
    void aPerfectLinkForwardsEverythingAtOnceAndInOrder() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT);
        List<Directions.Out> out = Directions.run(d, 10_000, 1200, 10_000);
        assertEquals(10_000, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(i, Directions.seq(out.get(i).data()));
            assertEquals(i * 10_000L, out.get(i).at());
        }
        assertEquals(10_000, d.counters().get(Counter.FORWARDED));
        assertEquals(10_000L * (1200 + 28), d.counters().get(Counter.BYTES));
    }

    @Test
    void jitterStaysWithinItsBoundsAndKeepsOrder() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withDelay(50 * MS).withJitter(10 * MS));
        List<Directions.Out> out = Directions.run(d, 5000, 100, 20 * MS);
        assertEquals(5000, out.size());
        double sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < out.size(); i++) {
            assertEquals(i, Directions.seq(out.get(i).data()), "order kept");
            long delay = out.get(i).at() - i * 20 * MS;
            min = Math.min(min, delay);
            max = Math.max(max, delay);
            sum += delay;
        }
        // packets 20 ms apart never catch up with each other, so the delay is uniform in 40..60 ms
        assertTrue(min >= 40 * MS && max <= 60 * MS, min + ".." + max);
        assertTrue(min < 41 * MS && max > 59 * MS, "the whole range is used: " + min + ".." + max);
        assertEquals(50 * MS, sum / out.size(), 0.5 * MS);
    }

    @Test
    void reorderingHoldsPacketsBackSoLaterOnesOvertake() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withDelay(10 * MS).withReorder(0.05, 5 * MS));
        List<Directions.Out> out = Directions.run(d, 10_000, 100, MS);
        assertEquals(10_000, out.size());
        long reordered = d.counters().get(Counter.REORDERED);
        assertTrue(Math.abs(reordered - 500) <= 100, "5% of 10k, got " + reordered);
        int late = 0;
        int maxSeen = -1;
        for (Directions.Out o : out) {
            int s = Directions.seq(o.data());
            if (s < maxSeen) {
                late++;
            }
            maxSeen = Math.max(maxSeen, s);
        }
        // a packet held 5 ms at one packet per ms is overtaken by the next ones
        assertEquals(reordered, late, "every held-back packet arrives after a later one");
    }

    @Test
    void duplicatesAreCountedAndDelivered() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withDuplicate(0.02));
        List<Directions.Out> out = Directions.run(d, 10_000, 100, MS);
        long dup = d.counters().get(Counter.DUPLICATED);
        assertTrue(Math.abs(dup - 200) <= 60, "2% of 10k, got " + dup);
        assertEquals(10_000 + dup, out.size());
        assertEquals(10_000 + dup, d.counters().get(Counter.FORWARDED));
    }

    @Test
    void corruptionChangesExactlyOnePayloadByteAndNoHeaderButTheChecksum() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withCorrupt(0.1));
        List<Directions.Out> out = Directions.run(d, 5000, 200, MS);
        long corrupted = d.counters().get(Counter.CORRUPTED);
        assertTrue(Math.abs(corrupted - 500) <= 100, "10% of 5k, got " + corrupted);
        assertEquals(5000, out.size());
        int changed = 0;
        for (int i = 0; i < out.size(); i++) {
            byte[] got = out.get(i).data();
            byte[] sent = Directions.packet(i, 200); // nothing is lost or reordered, so out[i] is packet i
            int diffs = 0;
            int at = -1;
            for (int k = 0; k < got.length; k++) {
                if (got[k] != sent[k] && k != 26 && k != 27) { // the UDP checksum, kept valid, aside
                    diffs++;
                    at = k;
                }
            }
            assertTrue(diffs <= 1, "packet " + i + ": " + diffs + " bytes changed");
            if (diffs == 1) {
                changed++;
                assertTrue(at >= 28, "changed byte " + at + " is above the IP and UDP headers");
                assertTrue(Packets.ipChecksumValid(got), "the IP header is untouched");
                assertTrue(Packets.transportChecksumValid(got), "the UDP checksum is kept: QUIC, not the kernel, must catch it");
            }
        }
        assertEquals(corrupted, changed);
    }

    @Test
    void aPacketWithoutPayloadIsNotCorrupted() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withCorrupt(1));
        byte[] empty = Packets.udp("198.18.0.1", 1, "198.19.0.1", 2, new byte[0]);
        d.offer(empty, empty.length, 0);
        assertEquals(0, d.counters().get(Counter.CORRUPTED));
        assertEquals(28, IpPacket.payloadOffset(empty, empty.length));
    }

    @Test
    void lossIsCountedAndWithinBinomialBounds() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withLoss(0.10, 0));
        List<Directions.Out> out = Directions.run(d, 10_000, 100, MS);
        long lost = d.counters().get(Counter.DROPPED_LOSS);
        assertTrue(Math.abs(lost - 1000) <= 135, "10% of 10k, got " + lost);
        assertEquals(10_000 - lost, out.size());
    }

    @Test
    void theRateLimitPacesAndItsQueueDrops() {
        // 10 Mbit/s, 50 ms queue, 1228-byte packets offered at 20 Mbit/s for 2 s
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withRate(10_000_000L, QueueLimit.ofTime(50 * MS)));
        long gap = 1228L * 8 * S / 20_000_000L;
        List<Directions.Out> out = Directions.run(d, (int) (2 * S / gap), 1200, gap);
        long first = out.get(0).at();
        long last = out.get(out.size() - 1).at();
        double rate = (out.size() - 1) * 1228 * 8.0 / ((last - first) / 1e9);
        assertEquals(10_000_000, rate, 10_000_000 * 0.02, "delivered rate");
        long dropped = d.counters().get(Counter.DROPPED_QUEUE);
        assertTrue(Math.abs(dropped - out.size()) < out.size() * 0.05, "about half dropped: " + dropped + " of " + (dropped + out.size()));
        long maxQueue = d.counters().get(Counter.MAX_QUEUE_DELAY);
        assertTrue(maxQueue <= 50 * MS && maxQueue > 49 * MS, "max queueing delay " + maxQueue);
    }

    @Test
    void theBlackholeDropsEverythingWhileDark() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT, new Blackhole(5 * S, 2 * S, 0));
        List<Directions.Out> out = Directions.run(d, 14_000, 100, MS);
        // 14 s: dark 5-7 s and 12-14 s
        assertEquals(4000, d.counters().get(Counter.BLACKHOLED));
        assertEquals(10_000, out.size());
        for (Directions.Out o : out) {
            long t = o.at() % (7 * S);
            assertTrue(t < 5 * S, "nothing passes while dark");
        }
    }

    @Test
    void whatTheLinkHoldsIsBounded() {
        ImpairedDirection d = direction(DirectionSpec.PERFECT.withDelay(10 * S));
        byte[] p = Directions.packet(0, 1400);
        int offered = (int) (ImpairedDirection.MAX_HELD_BYTES / p.length) + 1000;
        for (int i = 0; i < offered; i++) {
            d.offer(p, p.length, i);
        }
        assertTrue(d.held() <= ImpairedDirection.MAX_HELD_BYTES / p.length);
        assertEquals(offered - d.held(), d.counters().get(Counter.DROPPED_QUEUE));
    }

    @Test
    void theCountersBalance() {
        DirectionSpec spec = DirectionSpec.PERFECT.withDelay(5 * MS).withJitter(2 * MS).withRate(50_000_000L, null)
                .withLoss(0.03, 2).withReorder(0.01, 3 * MS).withDuplicate(0.01).withCorrupt(0.01);
        ImpairedDirection d = direction(spec, new Blackhole(S, S / 10, 0));
        List<Directions.Out> out = Directions.run(d, 20_000, 1000, 100_000);
        DirectionCounters c = d.counters();
        assertEquals(20_000, c.get(Counter.RECEIVED));
        assertEquals(c.get(Counter.RECEIVED) + c.get(Counter.DUPLICATED),
                c.get(Counter.FORWARDED) + c.get(Counter.DROPPED_LOSS) + c.get(Counter.DROPPED_QUEUE) + c.get(Counter.BLACKHOLED));
        assertEquals(out.size(), c.get(Counter.FORWARDED));
        List<Long> seen = new ArrayList<>();
        for (Counter k : Counter.values()) {
            seen.add(c.get(k));
        }
        assertTrue(seen.stream().allMatch(v -> v >= 0));
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        DirectionSpec spec = DirectionSpec.PERFECT.withDelay(5 * MS).withJitter(2 * MS).withLoss(0.05, 3).withReorder(0.02, 3 * MS)
                .withDuplicate(0.01).withCorrupt(0.02);
        List<Directions.Out> a = Directions.run(direction(spec), 5000, 300, 200_000);
        List<Directions.Out> b = Directions.run(direction(spec), 5000, 300, 200_000);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).at(), b.get(i).at());
            assertTrue(java.util.Arrays.equals(a.get(i).data(), b.get(i).data()));
        }
    }
}
