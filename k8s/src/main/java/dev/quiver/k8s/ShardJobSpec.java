package dev.quiver.k8s;

import dev.quiver.core.shard.Shard;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code quiver k8s job} is asked for: N shards of one {@code quiver run}, each a pod of an
 * Indexed Job.
 *
 * @param name the Job's name (a DNS-1123 label); its pods are labelled {@value ShardJob#RUN_LABEL}={@code name}
 * @param namespace where the Job goes, or null for the one {@code kubectl} applies it to
 * @param image the container image, whose entrypoint is quiver (the {@code jib} profile builds one)
 * @param shards how many shards (pods)
 * @param runArgs the arguments of {@code quiver run} that every shard shares: the URL and the load flags
 * @param startAt the instant every shard starts its load at
 * @param cpu the CPU each pod requests (a Kubernetes quantity: {@code 2}, {@code 500m}), or null for none
 * @param memory the memory each pod requests ({@code 1Gi}), or null for none
 * @param onePerNode whether the pods must go to different nodes (required pod anti-affinity on the host name)
 */
public record ShardJobSpec(String name, String namespace, String image, int shards, List<String> runArgs, Instant startAt,
                           String cpu, String memory, boolean onePerNode) {

    /** A Job name leaves room for the pods' index and random suffix within a 63-character label. */
    public static final int MAX_NAME_LENGTH = 52;
    /** As many shards as {@code --shard} takes. */
    public static final int MAX_SHARDS = Shard.MAX_COUNT;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public ShardJobSpec {
        if (name == null || name.length() > MAX_NAME_LENGTH || !DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("--name must be lower-case letters, digits and '-', starting and ending with a "
                    + "letter or digit, at most " + MAX_NAME_LENGTH + " characters, got '" + name + "'");
        }
        if (namespace != null && (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches())) {
            throw new IllegalArgumentException("--namespace must be a DNS label (lower-case letters, digits, '-'), got '" + namespace + "'");
        }
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("--image must name a container image, got '" + image + "'");
        }
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("--shards must be from 1 to " + MAX_SHARDS + ", got " + shards);
        }
        runArgs = List.copyOf(runArgs);
        if (runArgs.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least its URL");
        }
        if (startAt == null) {
            throw new IllegalArgumentException("the shards need a start instant");
        }
    }
}
