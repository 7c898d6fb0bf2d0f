package dev.quiver.cli.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.report.RunJsonReader;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.shard.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One run's JSON report read back for merging: its result, and which shard it was and when it was
 * told to start, when it says.
 *
 * @param name where it came from (a file, a pod), for messages and the per-shard rows
 * @param shard the {@code shard} key, or null for a run without {@code --shard}
 * @param startAtMicros the {@code start_at.epoch_us} key, or -1 for a run without {@code --start-at}
 */
public record ShardFile(String name, RunResult result, Shard shard, long startAtMicros) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A run's report is a few hundred KiB at most per hour of intervals; more than this is not one. */
    static final long MAX_BYTES = 256L << 20;

    /** @throws UsageException naming the file when it is missing, truncated, corrupt or not a run's report */
    public static ShardFile read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB, not a run's report");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** @throws UsageException naming {@code name} when the text is not a complete run report */
    public static ShardFile parse(String name, String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            RunResult result = RunJsonReader.read(root);
            return new ShardFile(name, result, shard(root), startAt(root));
        } catch (JsonProcessingException e) {
            throw new UsageException(name + ": not a complete JSON report (truncated or corrupt): " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": not a complete run report: " + e.getMessage());
        }
    }

    private static Shard shard(JsonNode root) {
        JsonNode s = root.get("shard");
        if (s == null || s.isNull()) {
            return null;
        }
        if (!s.path("index").canConvertToInt() || !s.path("count").canConvertToInt()) {
            throw new IllegalArgumentException("shard must hold the numbers index and count");
        }
        return new Shard(s.path("index").intValue(), s.path("count").intValue());
    }

    private static long startAt(JsonNode root) {
        JsonNode s = root.get("start_at");
        if (s == null || s.isNull()) {
            return -1;
        }
        if (!s.path("epoch_us").canConvertToLong()) {
            throw new IllegalArgumentException("start_at.epoch_us must be a number");
        }
        return s.path("epoch_us").longValue();
    }

    /** How long after its start instant the load began: 0 when on time or without one. */
    public long lateMicros() {
        return startAtMicros < 0 ? 0 : Math.max(0, result.window().startMicros() - startAtMicros);
    }

    /** {@code 2/8}, or a dash for a run that was not a shard. */
    public String shardLabel() {
        return shard == null ? "-" : shard.toString();
    }
}
