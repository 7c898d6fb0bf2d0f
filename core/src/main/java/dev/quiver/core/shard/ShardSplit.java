package dev.quiver.core.shard;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.schedule.Workload;

/**
 * Divides a workload between shards so that the shards together are the workload: {@code -n}, {@code -c}
 * and a whole {@code -q} split into equal parts, the remainder one each to the first shards; a rate
 * with a fraction splits into equal fractional parts. Duration, timeout, warm-up and {@code -p} are
 * every shard's own. A ramp's stages are divided as {@link Ramp#split} divides them (rates evenly,
 * connection counts in whole numbers, the remainder to the first shards). The one place a
 * workload is divided.
 */
public final class ShardSplit {

    private final Shard shard;

    public ShardSplit(Shard shard) {
        this.shard = shard;
    }

    /**
     * This shard's part of {@code w}.
     *
     * @throws IllegalArgumentException when a part would be empty (fewer connections, requests or
     *                                  whole requests per second than shards)
     */
    public Workload part(Workload w) {
        int n = shard.count();
        if (w.connections() < n) {
            throw new IllegalArgumentException("-c " + w.connections() + " cannot be split into " + n
                    + " shards: each shard needs at least one connection");
        }
        if (w.requests() > 0 && w.requests() < n) {
            throw new IllegalArgumentException("-n " + w.requests() + " cannot be split into " + n
                    + " shards: each shard needs at least one request");
        }
        int connections = (int) share(w.connections());
        long requests = w.requests() == 0 ? 0 : share(w.requests());
        Ramp ramp = w.ramp() == null ? null : w.ramp().split(shard.count()).get(shard.index());
        return new Workload(connections, w.streamsPerConnection(), requests, w.duration(), rate(w.rate()), w.timeout(),
                w.warmup(), ramp, w.maxConnecting());
    }

    /** {@code total / count}, plus one for the first {@code total % count} shards. */
    long share(long total) {
        long base = total / shard.count();
        return base + (shard.index() < total % shard.count() ? 1 : 0);
    }

    /** A whole rate of at least one request per second per shard splits like a count; else equal parts. */
    private double rate(double rate) {
        if (rate == 0) {
            return 0;
        }
        if (rate == Math.rint(rate) && rate >= shard.count() && rate < Long.MAX_VALUE) {
            return share((long) rate);
        }
        return rate / shard.count();
    }
}
