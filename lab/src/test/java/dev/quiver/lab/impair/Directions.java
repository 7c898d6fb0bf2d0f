package dev.quiver.lab.impair;

import dev.quiver.lab.packet.Packets;
import java.util.ArrayList;
import java.util.List;

/** Feeds an {@link ImpairedDirection} on a fake clock and collects what comes out. */
final class Directions {

    record Out(byte[] data, long at) {
    }

    private Directions() {
    }

    static byte[] packet(int seq, int payload) {
        byte[] body = new byte[payload];
        body[0] = (byte) (seq >>> 24);
        body[1] = (byte) (seq >>> 16);
        body[2] = (byte) (seq >>> 8);
        body[3] = (byte) seq;
        return Packets.udp("198.18.0.1", 4000, "198.19.0.1", 443, body);
    }

    static int seq(byte[] p) {
        return ((p[28] & 0xFF) << 24) | ((p[29] & 0xFF) << 16) | ((p[30] & 0xFF) << 8) | (p[31] & 0xFF);
    }

    /** Releases everything due by {@code now}. */
    static void drain(ImpairedDirection d, long now, List<Out> out) {
        HeldPacket p;
        while ((p = d.poll(now)) != null) {
            out.add(new Out(java.util.Arrays.copyOf(p.buffer(), p.length()), now)); // before the buffer is reused
            d.delivered(p);
        }
    }

    /**
     * Offers {@code n} packets of {@code payload} bytes, one every {@code gapNanos}, stepping the clock
     * to every due time in between, then runs the clock out.
     */
    static List<Out> run(ImpairedDirection d, int n, int payload, long gapNanos) {
        List<Out> out = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < n; i++) {
            long arrival = i * gapNanos;
            while (d.nextDue() <= arrival) {
                now = d.nextDue();
                drain(d, now, out);
            }
            now = arrival;
            byte[] p = packet(i, payload);
            d.offer(p, p.length, now);
            drain(d, now, out);
        }
        while (d.nextDue() != Long.MAX_VALUE) {
            now = d.nextDue();
            drain(d, now, out);
        }
        return out;
    }
}
