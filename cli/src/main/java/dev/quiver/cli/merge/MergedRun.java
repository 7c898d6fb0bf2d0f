package dev.quiver.cli.merge;

import dev.quiver.cli.UsageException;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.shard.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Several runs' results as one ({@link RunResult#merge}: histograms added, counts summed, intervals
 * on the wall clock), with the parts it came from, for the per-shard rows and the checks that the
 * parts belong together.
 */
public record MergedRun(RunResult merged, List<ShardFile> parts) {

    public MergedRun {
        parts = List.copyOf(parts);
    }

    /** @throws UsageException in one line when the parts loaded different targets or protocols, or ran different models */
    public static MergedRun of(List<ShardFile> parts) {
        if (parts.isEmpty()) {
            throw new UsageException("nothing to merge");
        }
        RunResult merged;
        try {
            merged = RunResult.merge(parts.stream().map(ShardFile::result).toList());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (parts.size() > 1 && parts.stream().allMatch(p -> p.shard() != null)) {
            merged = merged.withParameters(wholeLoad(parts, merged.parameters().method()));
        }
        return new MergedRun(merged, parts);
    }

    /**
     * The workload the shards were together: their connections, requests and rates added (shards of
     * equal parts are not one shard's workload, as equal rounds of a comparison are; so do their
     * bounds on connects under way), the longest duration and timeout.
     */
    private static RunResult.Parameters wholeLoad(List<ShardFile> parts, String method) {
        int connections = 0;
        int streams = 0;
        long requests = 0;
        double duration = 0;
        double rate = 0;
        double timeout = 0;
        int maxConnecting = 0;
        for (ShardFile part : parts) {
            RunResult.Parameters p = part.result().parameters();
            connections += p.connections();
            streams = Math.max(streams, p.streamsPerConnection());
            requests += p.requests();
            duration = Math.max(duration, p.durationSeconds());
            rate += p.rate();
            timeout = Math.max(timeout, p.timeoutSeconds());
            maxConnecting += p.maxConnecting();
        }
        return new RunResult.Parameters(connections, streams, requests, duration, rate, timeout, method, maxConnecting);
    }

    /** From the earliest to the latest start of the parts' loads. */
    public long startSkewMicros() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ShardFile p : parts) {
            min = Math.min(min, p.result().window().startMicros());
            max = Math.max(max, p.result().window().startMicros());
        }
        return max - min;
    }

    /** The earliest start of the parts' loads, microseconds since the epoch. */
    public long firstStartMicros() {
        return parts.stream().mapToLong(p -> p.result().window().startMicros()).min().orElse(0);
    }

    /** The parts whose books do not balance (streams left live, or opened != sum of terminal states). */
    public List<ShardFile> unbalanced() {
        return parts.stream().filter(p -> !p.result().streams().balanced()).toList();
    }

    /**
     * What does not add up in the shard numbers: shards of one count missing, a shard given twice,
     * parts of different counts. Empty when the parts are the shards of one load, once each (or no
     * part is a shard).
     */
    public List<String> shardProblems() {
        List<String> problems = new ArrayList<>();
        Map<Integer, List<Shard>> byCount = new TreeMap<>();
        for (ShardFile p : parts) {
            if (p.shard() != null) {
                byCount.computeIfAbsent(p.shard().count(), k -> new ArrayList<>()).add(p.shard());
            }
        }
        if (byCount.size() > 1) {
            problems.add("shards of different counts: " + byCount.keySet());
        }
        byCount.forEach((count, shards) -> {
            TreeSet<Integer> seen = new TreeSet<>();
            TreeSet<Integer> twice = new TreeSet<>();
            shards.forEach(s -> (seen.add(s.index()) ? seen : twice).add(s.index()));
            TreeSet<Integer> missing = new TreeSet<>();
            for (int i = 0; i < count && missing.size() < 32; i++) {
                if (!seen.contains(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                problems.add("of " + count + " shards, missing " + missing + (count - seen.size() > missing.size() ? " and more" : ""));
            }
            if (!twice.isEmpty()) {
                problems.add("given more than once: shards " + twice + " of " + count + " (their samples count again)");
            }
        });
        return problems;
    }
}
