package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.shard.Shard;
import dev.quiver.core.shard.ShardSplit;
import dev.quiver.core.time.WallClock;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --shard i/N} and {@code --start-at TIME}: one part of a load that several processes run
 * together, starting at the same wall-clock instant. {@code quiver merge} puts the parts together.
 */
public final class ShardOptions {

    @Option(names = "--shard", paramLabel = "INDEX/COUNT",
            description = "Run shard INDEX of COUNT, numbered from 0 (0/4 .. 3/4): -n, -c and -q are divided between the shards, "
                    + "the remainder to the first ones; the report says which shard it is. Merge the reports with 'quiver merge'.")
    String shard;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Open the connections, then start the load at this instant: ISO-8601 (2026-12-02T21:40:00Z), "
                    + "epoch milliseconds, or +DURATION from now (+15s). Shards given the same instant load together; "
                    + "a shard ready only after it starts at once and reports how late it was.")
    String startAt;

    private Shard parsed;
    private Instant instant;

    /** The shard asked for, or null. */
    public Shard shard() {
        if (parsed == null && shard != null) {
            try {
                parsed = Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return parsed;
    }

    /** The start instant, read once (a +D counts from the first call), or null. */
    public Instant startAt() {
        if (instant == null && startAt != null) {
            instant = StartInstant.parse(startAt, Instant.now());
        }
        return instant;
    }

    /** The run as this shard runs it: its part of the workload ({@link ShardSplit}); as it was without {@code --shard}. */
    public RunSpec split(RunSpec spec) {
        startAt();
        Shard s = shard();
        if (s == null) {
            return spec;
        }
        try {
            return new RunSpec(spec.target(), spec.protocol(), spec.insecure(), spec.requests(), new ShardSplit(s).part(spec.workload()),
                    spec.connectTimeout(), spec.ioThreads(), spec.reportInterval(), spec.qlog(), spec.busyPoll());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard " + s + ": " + e.getMessage());
        }
    }

    /** Tells the scheduler when to start, before it runs. */
    public void prepare(Scheduler scheduler) {
        Instant at = startAt();
        if (at != null) {
            scheduler.startAt(WallClock.micros(at));
        }
    }
}
