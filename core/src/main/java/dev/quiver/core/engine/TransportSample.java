package dev.quiver.core.engine;

/**
 * What the transport under one connection did, as its own stack counted it (the QUIC stack's
 * connection statistics, the kernel's TCP_INFO), read once just before the connection closed. The
 * figures are the client's side: what it sent, lost and retransmitted, and its estimates of the path.
 * A figure the stack does not offer is {@link #UNKNOWN}, never 0.
 *
 * @param kind the transport: QUIC or TCP
 * @param packetsSent packets sent (QUIC); TCP_INFO as Netty reads it has no such count
 * @param packetsLost packets the stack declared lost (QUIC)
 * @param retransmits TCP segments retransmitted; QUIC packets that carried retransmitted data
 * @param retransmittedBytes stream bytes sent again (QUIC)
 * @param srttMicros smoothed round-trip time, microseconds
 * @param cwndBytes congestion window, bytes
 */
public record TransportSample(Kind kind, long packetsSent, long packetsLost, long retransmits, long retransmittedBytes,
                              long srttMicros, long cwndBytes) {

    /** A figure the stack does not offer. */
    public static final long UNKNOWN = -1;

    /** The transport under a connection. */
    public enum Kind {
        QUIC, TCP;

        /** As reports write it: {@code quic}, {@code tcp}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException for anything but {@code quic} or {@code tcp} */
        public static Kind parse(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown transport '" + key + "'");
        }
    }

    public TransportSample {
        if (kind == null) {
            throw new IllegalArgumentException("a transport sample says its transport");
        }
        for (long v : new long[] {packetsSent, packetsLost, retransmits, retransmittedBytes, srttMicros, cwndBytes}) {
            if (v < UNKNOWN) {
                throw new IllegalArgumentException("a transport figure is a count or UNKNOWN, not " + v);
            }
        }
    }

    /** What TCP_INFO tells: retransmitted segments, smoothed RTT and congestion window; no packet counts. */
    public static TransportSample tcp(long retransmits, long srttMicros, long cwndBytes) {
        return new TransportSample(Kind.TCP, UNKNOWN, UNKNOWN, retransmits, UNKNOWN, srttMicros, cwndBytes);
    }
}
