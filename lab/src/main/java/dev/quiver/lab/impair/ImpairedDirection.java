package dev.quiver.lab.impair;

import dev.quiver.lab.packet.IpPacket;
import dev.quiver.lab.packet.QuicPackets;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One direction of the link without any I/O: packets go in with their arrival time, impairments
 * decide their fate, and they come out when due. Time is whatever the caller says it is, so the
 * class runs as well on a fake clock in a test as on {@link System#nanoTime()} in the link.
 *
 * <p>In order: blackhole, loss, the rate limit and its queue, the drop list (numbered UDP packets,
 * counted after the queue as the simulator's receiving device counts them), corruption, delay with
 * jitter (order kept), reordering (a packet held back and overtaken), duplication. What it holds is bounded:
 * at most {@value #MAX_HELD_PACKETS} packets and {@value #MAX_HELD_BYTES} bytes, beyond that a
 * packet is dropped as if by a full queue.
 *
 * <p>Not thread-safe: one pump thread owns it; only its counters are read from elsewhere.
 */
public final class ImpairedDirection {

    static final int MAX_HELD_PACKETS = 1 << 18;
    static final long MAX_HELD_BYTES = 64L << 20;
    /** Recycled packets kept for reuse; beyond this they are left to the garbage collector. */
    private static final int MAX_POOLED = 4096;

    private final DirectionSpec spec;
    private final Blackhole blackhole;
    private final DirectionCounters counters;
    private final LossModel loss;
    private final Corruption corruption;
    private final Bottleneck bottleneck;
    private final SplittableRandom jitter;
    private final SplittableRandom reorder;
    private final SplittableRandom duplicate;
    private final PriorityQueue<HeldPacket> held = new PriorityQueue<>();
    private final ArrayDeque<HeldPacket> pool = new ArrayDeque<>();
    private final int mtu;
    private final PacketWatch watch;
    /** UDP packets numbered so far for the drop list. */
    private long udpNumber;
    private long heldBytes;
    private long lastInOrderDue = Long.MIN_VALUE;
    private long sequence;

    /**
     * @param label the direction's name ({@code to_server}, {@code to_client}); it names the random streams
     * @param blackhole the blackhole schedule, or null
     */
    public ImpairedDirection(String label, DirectionSpec spec, Blackhole blackhole, long seed, int mtu, DirectionCounters counters) {
        this(label, spec, blackhole, seed, mtu, counters, PacketWatch.NONE);
    }

    /** As above, with a watch told of every packet that enters and every packet delivered. */
    public ImpairedDirection(String label, DirectionSpec spec, Blackhole blackhole, long seed, int mtu, DirectionCounters counters,
                             PacketWatch watch) {
        this.spec = spec;
        this.watch = watch;
        this.mtu = mtu;
        this.blackhole = blackhole;
        this.counters = counters;
        this.loss = LossModel.of(spec.loss(), spec.lossBurst(), spec.lossMaxRun(), RandomStreams.of(seed, label + ".loss"));
        this.corruption = new Corruption(spec.corrupt(), spec.corruptMaxRun(), RandomStreams.of(seed, label + ".corrupt"));
        this.bottleneck = spec.rateBitsPerSecond() > 0 ? new Bottleneck(spec.rateBitsPerSecond(), mtu, spec.effectiveQueue()) : null;
        this.jitter = RandomStreams.of(seed, label + ".jitter");
        this.reorder = RandomStreams.of(seed, label + ".reorder");
        this.duplicate = RandomStreams.of(seed, label + ".duplicate");
    }

    public DirectionCounters counters() {
        return counters;
    }

    /**
     * A packet of {@code len} bytes in {@code buf} arrived at {@code now}; the link keeps a copy if it
     * keeps it. Corruption changes {@code buf} itself.
     */
    public void offer(byte[] buf, int len, long now) {
        counters.increment(Counter.RECEIVED);
        watch.entered(buf, len);
        if (len > 0 && (buf[0] & 0xF0) == 0x60) {
            counters.increment(Counter.IPV6);
        }
        if (blackhole != null && blackhole.dark(now)) {
            counters.increment(Counter.BLACKHOLED);
            return;
        }
        if (loss.lose()) {
            counters.increment(Counter.DROPPED_LOSS);
            return;
        }
        if (held.size() >= MAX_HELD_PACKETS || heldBytes + len > MAX_HELD_BYTES) {
            counters.increment(Counter.DROPPED_QUEUE);
            return;
        }
        long departure = now;
        if (bottleneck != null) {
            departure = bottleneck.admit(len, now);
            if (departure < 0) {
                counters.increment(Counter.DROPPED_QUEUE);
                return;
            }
            counters.max(Counter.MAX_QUEUE_DELAY, departure - now);
        }
        if (!spec.drops().isEmpty() && IpPacket.protocol(buf, len) == IpPacket.UDP && spec.drops().drops(++udpNumber)) {
            counters.increment(Counter.DROPPED_LIST);
            return;
        }
        if (corruption.apply(buf, len)) {
            counters.increment(Counter.CORRUPTED);
        }
        long delay = spec.delayNanos();
        if (spec.jitterNanos() > 0) {
            delay = Math.max(0, delay + jitter.nextLong(-spec.jitterNanos(), spec.jitterNanos() + 1));
        }
        long due = departure + delay;
        if (spec.reorder() > 0 && reorder.nextDouble() < spec.reorder()) {
            // Held back out of order: later packets do not wait for it.
            due += spec.reorderGapNanos();
            counters.increment(Counter.REORDERED);
        } else {
            due = Math.max(due, lastInOrderDue);
            lastInOrderDue = due;
        }
        hold(buf, len, due);
        if (spec.duplicate() > 0 && duplicate.nextDouble() < spec.duplicate()) {
            hold(buf, len, due);
            counters.increment(Counter.DUPLICATED);
        }
    }

    private void hold(byte[] buf, int len, long due) {
        HeldPacket p = pool.pollFirst();
        if (p == null) {
            p = new HeldPacket(Math.max(mtu, len));
        }
        p.fill(buf, len, due, sequence++);
        held.add(p);
        heldBytes += len;
    }

    /**
     * The next packet due at or before {@code now}, or null when none is; once it is written, hand
     * it back with {@link #delivered} (or {@link #failed}), after which it must not be used.
     */
    public HeldPacket poll(long now) {
        HeldPacket p = held.peek();
        if (p == null || p.due() > now) {
            return null;
        }
        held.poll();
        heldBytes -= p.length();
        counters.max(Counter.MAX_LATE, now - p.due());
        return p;
    }

    /** The packet reached the other side; its buffer is reused. */
    public void delivered(HeldPacket p) {
        counters.increment(Counter.FORWARDED);
        counters.add(Counter.BYTES, p.length());
        countQuic(p.buffer(), p.length());
        watch.delivered(p.buffer(), p.length());
        recycle(p);
    }

    /** A UDP packet's payload bytes, and what its first QUIC packet is. */
    private void countQuic(byte[] buf, int len) {
        if (IpPacket.protocol(buf, len) != IpPacket.UDP) {
            return;
        }
        int from = IpPacket.payloadOffset(buf, len);
        counters.add(Counter.UDP_BYTES, len - from);
        QuicPackets.Type t = QuicPackets.firstType(buf, from, len);
        if (t == QuicPackets.Type.INITIAL) {
            counters.increment(Counter.QUIC_INITIAL);
        } else if (t == QuicPackets.Type.HANDSHAKE) {
            counters.increment(Counter.QUIC_HANDSHAKE);
        }
    }

    /** The other side refused the packet; its buffer is reused. */
    public void failed(HeldPacket p) {
        counters.increment(Counter.WRITE_FAILED);
        recycle(p);
    }

    private void recycle(HeldPacket p) {
        if (pool.size() < MAX_POOLED) {
            pool.addFirst(p);
        }
    }

    /** When the next held packet is due, or {@link Long#MAX_VALUE} when none is held. */
    public long nextDue() {
        HeldPacket p = held.peek();
        return p == null ? Long.MAX_VALUE : p.due();
    }

    /** Packets held now (in the queue or in flight on the delay line). */
    public int held() {
        return held.size();
    }
}
