package dev.quiver.lab.impair;

/**
 * A packet waiting in the link: a buffer (at least as long as the packet), the packet's length,
 * when it is due, and its place in arrival order. Instances are recycled by the direction that
 * made them (see {@link ImpairedDirection#delivered}), so the link allocates nothing per packet
 * once warm, and its process has no garbage collection to pause the pumps.
 */
public final class HeldPacket implements Comparable<HeldPacket> {

    private byte[] buffer;
    private int length;
    private long due;
    private long sequence;

    HeldPacket(int capacity) {
        this.buffer = new byte[capacity];
    }

    void fill(byte[] src, int len, long dueAt, long seq) {
        if (buffer.length < len) {
            buffer = new byte[len];
        }
        System.arraycopy(src, 0, buffer, 0, len);
        length = len;
        due = dueAt;
        sequence = seq;
    }

    /** The packet is {@code buffer()[0 .. length())}. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public long due() {
        return due;
    }

    public long sequence() {
        return sequence;
    }

    @Override
    public int compareTo(HeldPacket o) {
        int c = Long.compare(due, o.due);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
