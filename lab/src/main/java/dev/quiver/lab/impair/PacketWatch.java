package dev.quiver.lab.impair;

/**
 * Looks at the packets of one direction without changing them: as each enters the link (what the
 * sender sent) and as each reaches the other side (what the receiver got). Called on the
 * direction's pump thread, for every packet: it must be quick and allocate nothing.
 */
public interface PacketWatch {

    PacketWatch NONE = new PacketWatch() {
    };

    /** A packet of {@code len} bytes entered the link, before any impairment. */
    default void entered(byte[] packet, int len) {
    }

    /** A packet was written to the other side. */
    default void delivered(byte[] packet, int len) {
    }
}
