package dev.quiver.lab.impair;

import dev.quiver.lab.packet.IpPacket;
import java.util.SplittableRandom;

/**
 * Changes one byte of a packet's payload, above the IP and TCP/UDP headers (for UDP within the
 * first {@value #UDP_HEAD} bytes, and never a QUIC Version Negotiation packet). A UDP packet keeps a
 * valid checksum, as the QUIC interop runner's simulator recomputes it: the receiving kernel would
 * otherwise drop it, and corruption would be loss; so QUIC's packet protection is what must catch
 * it. A TCP packet's checksum is left wrong, and TCP catches it, as on a real path (a TCP segment
 * with a fixed checksum would hand corrupt bytes to TLS). A packet without payload is left alone. Packets are hit
 * independently, optionally never more than N in a row (the runner's handshakecorruption: 30%, at
 * most 3 in a row).
 */
public final class Corruption {

    /**
     * A UDP packet is hit in the first bytes of its payload, where a QUIC packet's header is, as the
     * interop runner's simulator does (header damage is what tests a stack's parsing and routing;
     * anywhere else AEAD alone catches it).
     */
    static final int UDP_HEAD = 50;

    private final double p;
    private final SplittableRandom random;
    /** Which packets are hit when runs of hits are capped (the runner's corrupt-rate {@code --burst}); null for independent hits. */
    private final LossModel runs;

    public Corruption(double p, SplittableRandom random) {
        this(p, 0, random);
    }

    /**
     * @param maxRun at most this many packets hit in a row (the next one passes), 0 for no cap
     */
    public Corruption(double p, int maxRun, SplittableRandom random) {
        this.p = p;
        this.random = random;
        this.runs = p > 0 && maxRun > 0 ? new CappedRunLoss(p, maxRun, random.split()) : null;
    }

    /** @return whether the packet was changed */
    public boolean apply(byte[] packet, int len) {
        if (p <= 0 || (runs != null ? !runs.lose() : random.nextDouble() >= p)) {
            return false;
        }
        int from = IpPacket.payloadOffset(packet, len);
        if (from >= len) {
            return false;
        }
        int to = len;
        if (IpPacket.protocol(packet, len) == IpPacket.UDP) {
            if (isVersionNegotiation(packet, from, len)) {
                return false;
            }
            to = Math.min(len, from + UDP_HEAD);
        }
        int at = from + random.nextInt(to - from);
        byte old = packet[at];
        packet[at] ^= (byte) (1 + random.nextInt(255));
        IpPacket.keepUdpChecksum(packet, len, at, old);
        return true;
    }

    /**
     * A QUIC Version Negotiation packet (long header, version 0) is never hit, as in the runner: a
     * client must ignore one that lists the version it offered, so a damaged one would be a test of
     * nothing.
     */
    private static boolean isVersionNegotiation(byte[] p, int from, int len) {
        return len - from > 5 && (p[from] & 0x80) != 0 && p[from + 1] == 0 && p[from + 2] == 0 && p[from + 3] == 0
                && p[from + 4] == 0;
    }
}
