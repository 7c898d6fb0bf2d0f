package dev.quiver.lab.impair;

/**
 * The rate limit: a token bucket of one MTU filling at the rate, in front of a FIFO drop-tail
 * queue. Departure times are computed when a packet arrives (the queue is FIFO, so a packet's
 * departure depends only on the packets before it), which makes the class a pure function of
 * arrival times and sizes.
 */
public final class Bottleneck {

    private final double bytesPerNano;
    private final double bucket;
    private final QueueLimit limit;
    /** Departure times of the packets still waiting (only kept when limited by packets). */
    private final long[] waiting;
    private int head;
    private int count;
    private double tokens;
    private long tokenTime = Long.MIN_VALUE;
    private long lastDeparture = Long.MIN_VALUE;

    public Bottleneck(long bitsPerSecond, int bucketBytes, QueueLimit limit) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.bytesPerNano = bitsPerSecond / 8e9;
        this.bucket = bucketBytes;
        this.tokens = bucketBytes;
        this.limit = limit;
        this.waiting = limit.byTime() ? new long[0] : new long[limit.packets()];
    }

    /**
     * A packet of {@code bytes} arrives at {@code now}.
     *
     * @return when it leaves the bottleneck, or -1 when the queue is full and it is dropped
     */
    public long admit(int bytes, long now) {
        while (count > 0 && waiting[head] <= now) {
            head = (head + 1) % waiting.length;
            count--;
        }
        long start = Math.max(now, lastDeparture);
        double t = tokenTime == Long.MIN_VALUE ? tokens : Math.min(bucket, tokens + (start - tokenTime) * bytesPerNano);
        long departure;
        double left;
        if (t >= bytes) {
            departure = start;
            left = t - bytes;
        } else {
            departure = start + (long) Math.ceil((bytes - t) / bytesPerNano);
            left = 0;
        }
        boolean full = limit.byTime() ? departure - now > limit.nanos() : count >= waiting.length;
        if (full) {
            return -1;
        }
        tokens = left;
        tokenTime = departure;
        lastDeparture = departure;
        if (!limit.byTime() && departure > now) {
            waiting[(head + count) % waiting.length] = departure;
            count++;
        }
        return departure;
    }
}
