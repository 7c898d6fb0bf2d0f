package dev.quiver.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the shards' reports of a {@link ShardJob} through the Kubernetes API: finds the Job, its
 * pods by their {@value ShardJob#RUN_LABEL} label, each pod's index, and the report in each
 * finished pod's log; and says which shards are missing, failed, still running or left no report.
 */
public final class ShardCollector {

    private final KubernetesClient client;

    public ShardCollector(KubernetesClient client) {
        this.client = client;
    }

    /**
     * What the shards left.
     *
     * @param reports one per shard whose pod left a report (pods that failed after writing it included), by index
     * @param problems one line per shard that left none, or whose pod did not succeed
     */
    public record Collected(int shards, List<PodReport> reports, List<String> problems) {

        public Collected {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @throws IllegalArgumentException when there is no such Job, or it is not one of quiver's
     * @throws KubernetesClientException when the API server cannot be reached or refuses
     */
    public Collected collect(String namespace, String name) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null) {
            throw new IllegalArgumentException("no Job " + name + " in namespace " + namespace);
        }
        Integer completions = job.getSpec() == null ? null : job.getSpec().getCompletions();
        if (completions == null || !"Indexed".equals(job.getSpec().getCompletionMode())) {
            throw new IllegalArgumentException("Job " + name + " is not an Indexed Job with completions (not made by 'quiver k8s job')");
        }
        Map<Integer, Pod> byIndex = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).withLabel(ShardJob.RUN_LABEL, name).list().getItems());
        pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (Pod p : pods) {
            Integer index = index(p);
            if (index == null || index < 0 || index >= completions) {
                problems.add("pod " + p.getMetadata().getName() + " has no shard index of 0.." + (completions - 1) + ": ignored");
                continue;
            }
            // Of two pods of one index (a pod replaced by hand), the one that succeeded counts.
            byIndex.merge(index, p, (a, b) -> "Succeeded".equals(phase(b)) && !"Succeeded".equals(phase(a)) ? b : a);
        }
        List<PodReport> reports = new ArrayList<>();
        for (int i = 0; i < completions; i++) {
            Pod p = byIndex.get(i);
            if (p == null) {
                problems.add("shard " + i + ": no pod");
                continue;
            }
            String pod = p.getMetadata().getName();
            String phase = phase(p);
            if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                problems.add("shard " + i + ": pod " + pod + " is " + phase + ", not finished");
                continue;
            }
            if ("Failed".equals(phase)) {
                problems.add("shard " + i + ": pod " + pod + " failed" + reason(p));
            }
            String report = report(namespace, pod);
            if (report == null) {
                problems.add("shard " + i + ": pod " + pod + " left no complete report in its log");
                continue;
            }
            reports.add(new PodReport(i, pod, phase, report));
        }
        return new Collected(completions, reports, problems);
    }

    private String report(String namespace, String pod) {
        try {
            String log = PodLogs.read(client.pods().inNamespace(namespace).withName(pod).getLogInputStream());
            return log == null ? null : PodLogs.report(log);
        } catch (IOException | KubernetesClientException e) {
            return null;
        }
    }

    private static Integer index(Pod p) {
        Map<String, String> annotations = p.getMetadata().getAnnotations();
        String v = annotations == null ? null : annotations.get(ShardJob.INDEX_ANNOTATION);
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String phase(Pod p) {
        return p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase();
    }

    /** The container's exit code and reason, when Kubernetes recorded them. */
    private static String reason(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
            return "";
        }
        return p.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getTerminated() != null)
                .map(s -> " (exit " + s.getState().getTerminated().getExitCode()
                        + (s.getState().getTerminated().getReason() == null ? "" : ", " + s.getState().getTerminated().getReason()) + ")")
                .findFirst().orElse("");
    }
}
