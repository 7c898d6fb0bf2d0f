package dev.quiver.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.Main;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code quiver k8s job} as a user types it: the YAML on stdout, read back through the fabric8 model. */
class K8sJobCommandTest {

    private record Out(int exit, String stdout, String stderr) {
    }

    private static Out run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Out(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Container container(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theLoadFlagsAsGivenGoToEveryShardAndTheStartInstantIsRelativeToNow() {
        Instant before = Instant.now();
        Out out = run("k8s", "job", "https://target.test/", "--http", "3", "-q", "160000", "-z", "60s", "-H", "x-a: 1", "-H", "x-b: 2",
                "-k", "--shards", "8", "--image", "registry.test/quiver:1", "--name", "quiver-run-1", "--start-at", "+90s");
        assertEquals(0, out.exit(), out.stderr());
        Job job = new KubernetesSerialization().unmarshal(out.stdout(), Job.class);
        assertEquals("quiver-run-1", job.getMetadata().getName());
        assertEquals(8, job.getSpec().getCompletions());
        List<String> args = container(job).getArgs();
        assertEquals(List.of("run", "https://target.test/", "--http", "3", "--rate", "160000", "--duration", "60s", "--header", "x-a: 1",
                "--header", "x-b: 2", "--insecure", "--shard", "$(JOB_COMPLETION_INDEX)/8", "--start-at"), args.subList(0, 16));
        Instant at = Instant.parse(args.get(16));
        assertTrue(!at.isBefore(before.plusSeconds(89)) && at.isBefore(Instant.now().plusSeconds(91)), at.toString());
        assertEquals(List.of("--json", "--no-progress"), args.subList(17, 19));
        assertTrue(out.stderr().startsWith("quiver: Indexed Job quiver-run-1: 8 shards, load starts at " + at), out.stderr());
        assertEquals(1, out.stderr().lines().count(), out.stderr());
    }

    @Test
    void defaultsAreANameFromTheClockAStartTwoMinutesAheadAndNoRequestsOrAffinity() {
        Instant before = Instant.now();
        Out out = run("k8s", "job", "http://svc.test:8080/", "-n", "1000", "--shards", "4", "--image", "quiver:dev");
        assertEquals(0, out.exit(), out.stderr());
        Job job = new KubernetesSerialization().unmarshal(out.stdout(), Job.class);
        assertTrue(job.getMetadata().getName().matches("quiver-run-\\d+"), job.getMetadata().getName());
        assertEquals(null, job.getMetadata().getNamespace());
        assertEquals(null, job.getSpec().getTemplate().getSpec().getAffinity());
        List<String> args = container(job).getArgs();
        assertEquals(List.of("run", "http://svc.test:8080/", "--requests", "1000", "--shard", "$(JOB_COMPLETION_INDEX)/4"), args.subList(0, 6));
        Duration ahead = Duration.between(before, Instant.parse(args.get(7)));
        assertTrue(ahead.compareTo(Duration.ofSeconds(119)) >= 0 && ahead.compareTo(Duration.ofSeconds(125)) <= 0, ahead.toString());
    }

    @Test
    void resourcesNamespaceAndOnePerNode() {
        String at = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        Out out = run("k8s", "job", "https://t.test/", "-c", "16", "-p", "10", "-z", "30s", "--shards", "4", "--image", "quiver:dev",
                "--namespace", "load", "--cpu", "1500m", "--memory", "2Gi", "--one-per-node", "--start-at", at);
        assertEquals(0, out.exit(), out.stderr());
        Job job = new KubernetesSerialization().unmarshal(out.stdout(), Job.class);
        assertEquals("load", job.getMetadata().getNamespace());
        assertEquals("1500m", container(job).getResources().getRequests().get("cpu").toString());
        assertEquals("2Gi", container(job).getResources().getRequests().get("memory").toString());
        assertEquals("kubernetes.io/hostname", job.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().get(0).getTopologyKey());
        assertTrue(container(job).getArgs().containsAll(List.of("--connections", "16", "--parallel", "10", "--duration", "30s",
                at)), container(job).getArgs().toString());
    }
}
