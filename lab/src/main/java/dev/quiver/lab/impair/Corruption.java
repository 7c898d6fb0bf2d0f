package dev.quiver.lab.impair;

import dev.quiver.lab.packet.IpPacket;
import java.util.SplittableRandom;

/**
 * Changes one byte of a packet's payload, above the IP and TCP/UDP headers, and fixes nothing
 * else: the transport checksum (or QUIC's packet protection) is what must catch it, as with the
 * QUIC interop runner's corruption. A packet without payload is left alone.
 */
public final class Corruption {

    private final double p;
    private final SplittableRandom random;

    public Corruption(double p, SplittableRandom random) {
        this.p = p;
        this.random = random;
    }

    /** @return whether the packet was changed */
    public boolean apply(byte[] packet, int len) {
        if (p <= 0 || random.nextDouble() >= p) {
            return false;
        }
        int from = IpPacket.payloadOffset(packet, len);
        if (from >= len) {
            return false;
        }
        int at = from + random.nextInt(len - from);
        packet[at] ^= (byte) (1 + random.nextInt(255));
        return true;
    }
}
