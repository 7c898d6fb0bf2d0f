package dev.quiver.k8s;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes Indexed Job that runs the shards of one load: one pod per shard, all at once, each
 * running {@code quiver run ... --shard $(JOB_COMPLETION_INDEX)/N --start-at T --json}, so that its
 * log is its shard's JSON report ({@code quiver k8s collect} reads them back). A pod is never
 * retried ({@code backoffLimit: 0}, {@code restartPolicy: Never}): a second try would start late and
 * count its shard twice.
 */
public final class ShardJob {

    /** The label every pod of the Job carries, with the Job's name: how {@code collect} finds them. */
    public static final String RUN_LABEL = "quiver.dev/run";
    /** Where Kubernetes writes a pod's index in an Indexed Job. */
    public static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
    static final String CONTAINER = "quiver";
    private static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

    private ShardJob() {
    }

    public static Job build(ShardJobSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "quiver");
        labels.put(RUN_LABEL, spec.name());
        return new JobBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace()).withLabels(labels).endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed").withCompletions(spec.shards()).withParallelism(spec.shards()).withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAffinity(spec.onePerNode() ? onePerNode(spec.name()) : null)
                .addNewContainer()
                .withName(CONTAINER).withImage(spec.image()).withArgs(args(spec)).withResources(resources(spec))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The Job as YAML, for {@code kubectl apply -f}. */
    public static String yaml(Job job) {
        return new KubernetesSerialization().asYaml(job);
    }

    /**
     * {@code run URL FLAGS --shard $(JOB_COMPLETION_INDEX)/N --start-at T --json --no-progress}: Kubernetes
     * expands {@code $(JOB_COMPLETION_INDEX)}, which the Job controller sets in every pod of an Indexed Job.
     */
    static List<String> args(ShardJobSpec spec) {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.addAll(spec.runArgs());
        args.add("--shard");
        args.add("$(JOB_COMPLETION_INDEX)/" + spec.shards());
        args.add("--start-at");
        args.add(spec.startAt().toString());
        args.add("--json");
        args.add("--no-progress");
        return args;
    }

    private static ResourceRequirements resources(ShardJobSpec spec) {
        if (spec.cpu() == null && spec.memory() == null) {
            return null;
        }
        Map<String, Quantity> requests = new LinkedHashMap<>();
        if (spec.cpu() != null) {
            requests.put("cpu", quantity(spec.cpu(), "--cpu"));
        }
        if (spec.memory() != null) {
            requests.put("memory", quantity(spec.memory(), "--memory"));
        }
        return new ResourceRequirementsBuilder().withRequests(requests).build();
    }

    /** A quantity as Kubernetes reads it ({@code 2}, {@code 500m}, {@code 1Gi}). */
    static Quantity quantity(String text, String flag) {
        Quantity q = new Quantity(text);
        BigDecimal amount;
        try {
            amount = Quantity.getAmountInBytes(q);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(flag + " takes a Kubernetes quantity (2, 500m, 1Gi), got '" + text + "'");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(flag + " must be more than 0, got '" + text + "'");
        }
        return q;
    }

    /** No two pods of this run on one node: each shard gets a node's network and cores to itself. */
    private static Affinity onePerNode(String name) {
        return new AffinityBuilder().withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNewLabelSelector().addToMatchLabels(RUN_LABEL, name).endLabelSelector()
                .withTopologyKey(HOSTNAME_TOPOLOGY)
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity().build();
    }
}
