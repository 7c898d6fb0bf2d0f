package dev.quiver.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Job as YAML, read back through the fabric8 model: every field that makes it run the shards. */
class ShardJobTest {

    private static final Instant AT = Instant.parse("2026-12-02T22:00:00Z");

    private static Job roundTrip(ShardJobSpec spec) {
        String yaml = ShardJob.yaml(ShardJob.build(spec));
        assertTrue(yaml.contains("kind: \"Job\"") || yaml.contains("kind: Job"), yaml);
        return new KubernetesSerialization().unmarshal(yaml, Job.class);
    }

    @Test
    void eightShardsWithRequestsAndOnePerNode() {
        List<String> run = List.of("https://target.test/", "--http", "3", "-q", "160000", "-z", "60s", "-H", "x-a: 1", "-H", "x-b: 2", "-k");
        Job job = roundTrip(new ShardJobSpec("quiver-run-1", "load", "registry.test/quiver:1", 8, run, AT, "2", "1Gi", true));

        assertEquals("batch/v1", job.getApiVersion());
        assertEquals("Job", job.getKind());
        assertEquals("quiver-run-1", job.getMetadata().getName());
        assertEquals("load", job.getMetadata().getNamespace());
        assertEquals("quiver-run-1", job.getMetadata().getLabels().get(ShardJob.RUN_LABEL));
        JobSpec spec = job.getSpec();
        assertEquals("Indexed", spec.getCompletionMode());
        assertEquals(8, spec.getCompletions());
        assertEquals(8, spec.getParallelism(), "every shard at once");
        assertEquals(0, spec.getBackoffLimit(), "a retried shard would start late and count twice");
        assertEquals(Map.of("app.kubernetes.io/name", "quiver", ShardJob.RUN_LABEL, "quiver-run-1"),
                spec.getTemplate().getMetadata().getLabels());
        PodSpec pod = spec.getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(1, pod.getContainers().size());
        Container c = pod.getContainers().get(0);
        assertEquals("quiver", c.getName());
        assertEquals("registry.test/quiver:1", c.getImage());
        assertTrue(c.getCommand() == null || c.getCommand().isEmpty(), "the image's entrypoint is quiver");
        assertEquals(List.of("run", "https://target.test/", "--http", "3", "-q", "160000", "-z", "60s", "-H", "x-a: 1", "-H", "x-b: 2",
                "-k", "--shard", "$(JOB_COMPLETION_INDEX)/8", "--start-at", "2026-12-02T22:00:00Z", "--json", "--no-progress"), c.getArgs());
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")), c.getResources().getRequests());
        assertTrue(c.getResources().getLimits().isEmpty(), "requests, no limits");
        List<PodAffinityTerm> anti = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertEquals(1, anti.size());
        assertEquals("kubernetes.io/hostname", anti.get(0).getTopologyKey());
        assertEquals(Map.of(ShardJob.RUN_LABEL, "quiver-run-1"), anti.get(0).getLabelSelector().getMatchLabels());
        assertNull(pod.getAffinity().getPodAffinity());
        assertNull(pod.getAffinity().getNodeAffinity());
    }

    @Test
    void oneShardWithoutRequestsAffinityOrNamespace() {
        Job job = roundTrip(new ShardJobSpec("q", null, "quiver:dev", 1, List.of("http://svc.test:8080/", "-n", "1000", "-c", "10"),
                AT, null, null, false));
        assertNull(job.getMetadata().getNamespace(), "kubectl's namespace");
        assertEquals(1, job.getSpec().getCompletions());
        assertEquals(1, job.getSpec().getParallelism());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertNull(pod.getAffinity());
        Container c = pod.getContainers().get(0);
        assertNull(c.getResources(), "no requests asked for");
        assertEquals(List.of("run", "http://svc.test:8080/", "-n", "1000", "-c", "10", "--shard", "$(JOB_COMPLETION_INDEX)/1",
                "--start-at", "2026-12-02T22:00:00Z", "--json", "--no-progress"), c.getArgs());
    }

    @Test
    void cpuOnlyAndAFractionalStartInstant() {
        Instant at = Instant.parse("2026-12-02T22:00:00.250Z");
        Job job = roundTrip(new ShardJobSpec("quiver-a", "default", "quiver:dev", 3, List.of("https://t.test/"), at, "500m", null, false));
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(Map.of("cpu", new Quantity("500m")), c.getResources().getRequests());
        assertTrue(c.getArgs().contains("2026-12-02T22:00:00.250Z"), c.getArgs().toString());
        assertTrue(c.getArgs().contains("$(JOB_COMPLETION_INDEX)/3"));
    }

    @Test
    void refusesWhatKubernetesWouldRefuseOrWhatCannotRun() {
        List<String> run = List.of("https://t.test/");
        assertThrows(IllegalArgumentException.class, () -> new ShardJobSpec("Quiver", null, "i", 2, run, AT, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new ShardJobSpec("a".repeat(53), null, "i", 2, run, AT, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new ShardJobSpec("q-", null, "i", 2, run, AT, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new ShardJobSpec("q", "Bad_NS", "i", 2, run, AT, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new ShardJobSpec("q", null, " ", 2, run, AT, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new ShardJobSpec("q", null, "i", 0, run, AT, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new ShardJobSpec("q", null, "i", 2, List.of(), AT, null, null, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShardJob.build(new ShardJobSpec("q", null, "i", 2, run, AT, "two", null, false)));
        assertTrue(e.getMessage().contains("--cpu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ShardJob.build(new ShardJobSpec("q", null, "i", 2, run, AT, null, "0", false)));
        assertTrue(e.getMessage().contains("--memory must be more than 0"), e.getMessage());
    }

    @Test
    void theReportIsFoundInALogAmongOtherLines() {
        String report = "{\n  \"target\" : \"x\",\n  \"nested\" : {\n    \"a\" : 1\n  }\n}\n";
        assertEquals(report, PodLogs.report("quiver: warning: something\n" + report + "quiver: after\n"));
        assertEquals(report, PodLogs.report(report));
        assertNull(PodLogs.report("{\n  \"target\" : \"x\",\n"), "truncated");
        assertNull(PodLogs.report("quiver: target unreachable\n"));
    }
}
