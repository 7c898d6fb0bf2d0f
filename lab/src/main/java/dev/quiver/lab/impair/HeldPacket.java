package dev.quiver.lab.impair;

/** A packet waiting in the link: its bytes (exactly its length), when it is due, and its place in arrival order. */
public record HeldPacket(byte[] data, long due, long sequence) implements Comparable<HeldPacket> {

    @Override
    public int compareTo(HeldPacket o) {
        int c = Long.compare(due, o.due);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
