package dev.quiver.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ShardCollector} against fabric8's mock API server in CRUD mode (Jobs and Pods stored as
 * created; pod logs answered by expectations): the only API server these tests have.
 */
@EnableKubernetesMockClient(crud = true)
class ShardCollectorTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "load";

    private static void job(String name, int shards) {
        client.batch().v1().jobs().inNamespace(NS).resource(ShardJob.build(new ShardJobSpec(name, NS, "quiver:dev", shards,
                List.of("http://svc.test/"), Instant.parse("2026-12-02T22:00:00Z"), null, null, false))).create();
    }

    private static void pod(String job, int index, String suffix, String phase, String log) {
        String name = job + "-" + index + "-" + suffix;
        Pod p = new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(ShardJob.RUN_LABEL, job).addToLabels("job-name", job)
                .addToAnnotations(ShardJob.INDEX_ANNOTATION, Integer.toString(index)).endMetadata()
                .withNewSpec().addNewContainer().withName("quiver").withImage("quiver:dev").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
        client.pods().inNamespace(NS).resource(p).create();
        if (log != null) {
            server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + name + "/log?pretty=false").andReturn(200, log).always();
        }
    }

    private static String report(int index) {
        return "{\n  \"target\" : \"http://svc.test/\",\n  \"shard\" : {\n    \"index\" : " + index + ",\n    \"count\" : 4\n  }\n}\n";
    }

    @Test
    void readsEveryShardsReportAndSaysWhichPodsFailedOrAreMissing() {
        job("quiver-run-1", 4);
        pod("quiver-run-1", 0, "aaaaa", "Succeeded", report(0));
        pod("quiver-run-1", 1, "bbbbb", "Succeeded", "quiver: warning: a line on stderr\n" + report(1) + "quiver: and one after\n");
        pod("quiver-run-1", 2, "ccccc", "Failed", "quiver: target unreachable: http://svc.test/: connection refused\n");
        // shard 3 never got a pod; a pod of another run is not this run's
        pod("quiver-run-2", 3, "ddddd", "Succeeded", report(3));

        ShardCollector.Collected c = new ShardCollector(client).collect(NS, "quiver-run-1");

        assertEquals(4, c.shards());
        assertEquals(2, c.reports().size(), c.toString());
        assertEquals(0, c.reports().get(0).index());
        assertEquals("quiver-run-1-0-aaaaa", c.reports().get(0).pod());
        assertEquals(report(0), c.reports().get(0).report());
        assertEquals(1, c.reports().get(1).index());
        assertEquals(report(1), c.reports().get(1).report(), "the report alone, without the stderr lines around it");
        assertEquals("Succeeded", c.reports().get(1).phase());
        assertEquals(List.of("shard 2: pod quiver-run-1-2-ccccc failed", "shard 2: pod quiver-run-1-2-ccccc left no complete report in its log",
                "shard 3: no pod"), c.problems());
    }

    @Test
    void aPodStillRunningIsNotReadAndAFailedPodsReportStillCounts() {
        job("quiver-run-3", 2);
        pod("quiver-run-3", 0, "aaaaa", "Running", null);
        pod("quiver-run-3", 1, "bbbbb", "Failed", report(1)); // exit 4 (a stream leak) still leaves a report
        ShardCollector.Collected c = new ShardCollector(client).collect(NS, "quiver-run-3");
        assertEquals(1, c.reports().size());
        assertEquals(1, c.reports().get(0).index());
        assertEquals("Failed", c.reports().get(0).phase());
        assertEquals(List.of("shard 0: pod quiver-run-3-0-aaaaa is Running, not finished", "shard 1: pod quiver-run-3-1-bbbbb failed"),
                c.problems());
    }

    @Test
    void noSuchJobIsSaidInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardCollector(client).collect(NS, "nothing"));
        assertEquals("no Job nothing in namespace load", e.getMessage());
    }

    @Test
    void aJobThatIsNotIndexedIsRefused() {
        client.batch().v1().jobs().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                .withNewMetadata().withName("plain").withNamespace(NS).endMetadata()
                .withNewSpec().withCompletions(1).withNewTemplate().withNewSpec().addNewContainer().withName("x").withImage("x")
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardCollector(client).collect(NS, "plain"));
        assertTrue(e.getMessage().contains("not an Indexed Job"), e.getMessage());
    }
}
