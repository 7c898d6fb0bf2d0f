package dev.quiver.core.shard;

/**
 * One part of a load split over several processes or machines: shard {@code index} of {@code count},
 * numbered from 0 (as Kubernetes numbers the pods of an Indexed Job in {@code JOB_COMPLETION_INDEX}).
 */
public record Shard(int index, int count) {

    /** More shards than this is a mistake, not a load: each one is a process with its own connections. */
    public static final int MAX_COUNT = 10_000;

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("shard count must be from 1 to " + MAX_COUNT + ", got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be from 0 to " + (count - 1) + " (numbered from 0), got " + index);
        }
    }

    /**
     * Reads {@code i/N}, as {@code --shard} takes it.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--shard takes INDEX/COUNT, numbered from 0 (e.g. 0/4 .. 3/4), got '" + text + "'");
        }
        int index;
        int count;
        try {
            index = Integer.parseInt(text.substring(0, slash).trim());
            count = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard takes INDEX/COUNT, numbered from 0 (e.g. 0/4 .. 3/4), got '" + text + "'");
        }
        return new Shard(index, count);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
