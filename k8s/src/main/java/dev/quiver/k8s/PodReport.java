package dev.quiver.k8s;

/**
 * What one shard's pod left: its report, read from its log.
 *
 * @param index the pod's shard index ({@value ShardJob#INDEX_ANNOTATION})
 * @param pod the pod's name
 * @param phase the pod's phase ({@code Succeeded}, {@code Failed}, ...)
 * @param report the JSON report in its log, or null when the log holds none (the problem says why)
 */
public record PodReport(int index, String pod, String phase, String report) {
}
