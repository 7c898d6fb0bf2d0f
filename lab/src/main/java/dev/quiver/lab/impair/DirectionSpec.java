package dev.quiver.lab.impair;

/**
 * What the link does to the packets of one direction.
 *
 * @param delayNanos one-way delay added to every packet
 * @param jitterNanos each packet's delay varies uniformly within plus or minus this; packets keep
 *                    their order (a later packet never leaves before an earlier one) unless
 *                    {@code reorder} asks otherwise
 * @param rateBitsPerSecond the bottleneck's rate (token bucket of one MTU), 0 for none
 * @param queue the bottleneck's drop-tail queue; only with a rate
 * @param loss probability that a packet is lost
 * @param lossBurst mean length of a loss burst (Gilbert-Elliott); 1 or less for independent losses
 * @param reorder probability that a packet is held back by {@code reorderGapNanos} and overtaken
 * @param reorderGapNanos how long a reordered packet is held back
 * @param duplicate probability that a packet is sent twice
 * @param corrupt probability that one payload byte of a packet is changed
 * @param lossMaxRun at most this many packets lost in a row, each lost independently otherwise (the
 *                   interop runner's drop-rate {@code --burst}); 0 for no such cap
 * @param corruptMaxRun the same for corruption (the runner's corrupt-rate {@code --burst}); 0 for no cap
 * @param drops UDP packets dropped by their number (the simulator's droplist); {@link DropList#NONE} for none
 */
public record DirectionSpec(long delayNanos, long jitterNanos, long rateBitsPerSecond, QueueLimit queue,
                            double loss, double lossBurst, double reorder, long reorderGapNanos,
                            double duplicate, double corrupt, int lossMaxRun, int corruptMaxRun, DropList drops) {

    /** A perfect link: no impairment at all. */
    public static final DirectionSpec PERFECT = new DirectionSpec(0, 0, 0, null, 0, 0, 0, 10_000_000L, 0, 0, 0, 0, DropList.NONE);

    public DirectionSpec {
        if (drops == null) {
            drops = DropList.NONE;
        }
        if (delayNanos < 0 || jitterNanos < 0 || rateBitsPerSecond < 0 || reorderGapNanos < 0) {
            throw new IllegalArgumentException("delays and rates cannot be negative");
        }
        probability("loss", loss);
        probability("reorder", reorder);
        probability("duplicate", duplicate);
        probability("corrupt", corrupt);
        if (loss >= 1) {
            throw new IllegalArgumentException("loss must be below 100%");
        }
        if (queue != null && rateBitsPerSecond == 0) {
            throw new IllegalArgumentException("a queue limit needs a rate");
        }
        if (lossBurst > 1 && loss > 0 && loss / (lossBurst * (1 - loss)) > 1) {
            throw new IllegalArgumentException("loss " + loss * 100 + "% cannot come in bursts of " + lossBurst);
        }
        if (lossMaxRun < 0 || corruptMaxRun < 0) {
            throw new IllegalArgumentException("a cap on hits in a row cannot be negative");
        }
        if (lossMaxRun > 0 && lossBurst > 1) {
            throw new IllegalArgumentException("--loss-burst (mean burst) and --loss-max-run (the runner's cap) exclude each other");
        }
    }

    private static void probability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0% and 100%");
        }
    }

    /** The queue the bottleneck uses: the given one, else 50 ms. */
    public QueueLimit effectiveQueue() {
        return queue != null ? queue : QueueLimit.ofTime(50_000_000L);
    }

    public DirectionSpec withDelay(long nanos) {
        return new DirectionSpec(nanos, jitterNanos, rateBitsPerSecond, queue, loss, lossBurst, reorder, reorderGapNanos, duplicate, corrupt, lossMaxRun, corruptMaxRun, drops);
    }

    public DirectionSpec withJitter(long nanos) {
        return new DirectionSpec(delayNanos, nanos, rateBitsPerSecond, queue, loss, lossBurst, reorder, reorderGapNanos, duplicate, corrupt, lossMaxRun, corruptMaxRun, drops);
    }

    public DirectionSpec withRate(long bps, QueueLimit q) {
        return new DirectionSpec(delayNanos, jitterNanos, bps, q, loss, lossBurst, reorder, reorderGapNanos, duplicate, corrupt, lossMaxRun, corruptMaxRun, drops);
    }

    public DirectionSpec withLoss(double p, double burst) {
        return new DirectionSpec(delayNanos, jitterNanos, rateBitsPerSecond, queue, p, burst, reorder, reorderGapNanos, duplicate, corrupt, lossMaxRun, corruptMaxRun, drops);
    }

    public DirectionSpec withReorder(double p, long gapNanos) {
        return new DirectionSpec(delayNanos, jitterNanos, rateBitsPerSecond, queue, loss, lossBurst, p, gapNanos, duplicate, corrupt, lossMaxRun, corruptMaxRun, drops);
    }

    public DirectionSpec withDuplicate(double p) {
        return new DirectionSpec(delayNanos, jitterNanos, rateBitsPerSecond, queue, loss, lossBurst, reorder, reorderGapNanos, p, corrupt, lossMaxRun, corruptMaxRun, drops);
    }

    public DirectionSpec withMaxRuns(int lossRun, int corruptRun) {
        return new DirectionSpec(delayNanos, jitterNanos, rateBitsPerSecond, queue, loss, lossBurst, reorder, reorderGapNanos, duplicate, corrupt, lossRun, corruptRun, drops);
    }

    public DirectionSpec withDrops(DropList list) {
        return new DirectionSpec(delayNanos, jitterNanos, rateBitsPerSecond, queue, loss, lossBurst, reorder, reorderGapNanos, duplicate, corrupt, lossMaxRun, corruptMaxRun, list);
    }

    public DirectionSpec withCorrupt(double p) {
        return new DirectionSpec(delayNanos, jitterNanos, rateBitsPerSecond, queue, loss, lossBurst, reorder, reorderGapNanos, duplicate, p, lossMaxRun, corruptMaxRun, drops);
    }
}
