package dev.quiver.lab.impair;

/** What the link counts per direction; the keys are the report's. */
public enum Counter {
    /** Packets read from the sending side's TUN device. */
    RECEIVED("received"),
    /** Packets written to the other side. */
    FORWARDED("forwarded"),
    /** Bytes of the packets written to the other side. */
    BYTES("bytes"),
    DROPPED_LOSS("dropped_loss"),
    /** Dropped because the bottleneck's queue (or the link's in-flight bound) was full. */
    DROPPED_QUEUE("dropped_queue"),
    CORRUPTED("corrupted"),
    REORDERED("reordered"),
    DUPLICATED("duplicated"),
    BLACKHOLED("blackholed"),
    /** Dropped by their number ({@code --drop}, the simulator's droplist). */
    DROPPED_LIST("dropped_list"),
    /** UDP payload bytes of the packets written to the other side (what the interop runner counts of QUIC datagrams). */
    UDP_BYTES("udp_bytes"),
    /** Of the UDP packets written to the other side, those whose first QUIC packet is an Initial. */
    QUIC_INITIAL("quic_initial"),
    /** Of the UDP packets written to the other side, those whose first QUIC packet is a Handshake packet. */
    QUIC_HANDSHAKE("quic_handshake"),
    /** Of the packets received, those that were IPv6 (the rest IPv4): what the ipv6 interop case judges. */
    IPV6("ipv6"),
    /** The receiving side's device refused a packet (e.g. it was not up). */
    WRITE_FAILED("write_failed"),
    /** The longest a packet waited in the bottleneck's queue, in nanoseconds. */
    MAX_QUEUE_DELAY("max_queue_delay"),
    /** The longest a packet left after its due time, in nanoseconds: the link's own lateness. */
    MAX_LATE("max_late");

    private final String key;

    Counter(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether the value is a maximum in nanoseconds rather than a count. */
    public boolean isMaxNanos() {
        return this == MAX_QUEUE_DELAY || this == MAX_LATE;
    }
}
