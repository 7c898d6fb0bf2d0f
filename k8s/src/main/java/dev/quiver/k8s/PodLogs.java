package dev.quiver.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds a run's JSON report in a pod's log. The log holds stdout and stderr together: the report is
 * the pretty-printed object from a line that is just {@code {} to the last line that is just
 * {@code }}, whatever quiver said on stderr before or after it.
 */
public final class PodLogs {

    /** A shard's report is a few MiB at most for an hour of one-second intervals; more is not one. */
    public static final int MAX_LOG_BYTES = 64 << 20;

    private PodLogs() {
    }

    /** The report in {@code log}, or null when there is no complete one. */
    public static String report(String log) {
        String[] lines = log.split("\\R", -1);
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("{") && first < 0) {
                first = i;
            }
            if (lines[i].equals("}")) {
                last = i;
            }
        }
        if (first < 0 || last < first) {
            return null;
        }
        return String.join("\n", Arrays.asList(lines).subList(first, last + 1)) + "\n";
    }

    /** Reads at most {@link #MAX_LOG_BYTES} of a log; null when it is longer. */
    static String read(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_LOG_BYTES + 1);
            return bytes.length > MAX_LOG_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
