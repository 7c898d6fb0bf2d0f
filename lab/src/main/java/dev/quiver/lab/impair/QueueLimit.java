package dev.quiver.lab.impair;

import java.util.Locale;

/**
 * How much the rate-limited link's drop-tail queue holds: either a time (a packet that would wait
 * longer is dropped) or a number of packets.
 *
 * @param nanos the longest wait, or 0 when limited by packets
 * @param packets the most packets waiting, or 0 when limited by time
 */
public record QueueLimit(long nanos, int packets) {

    public QueueLimit {
        if ((nanos > 0) == (packets > 0)) {
            throw new IllegalArgumentException("a queue is limited by time or by packets");
        }
    }

    public static QueueLimit ofTime(long nanos) {
        return new QueueLimit(nanos, 0);
    }

    public static QueueLimit ofPackets(int packets) {
        return new QueueLimit(0, packets);
    }

    public boolean byTime() {
        return nanos > 0;
    }

    @Override
    public String toString() {
        return byTime() ? Durations.format(nanos) : String.format(Locale.ROOT, "%d packets", packets);
    }
}
