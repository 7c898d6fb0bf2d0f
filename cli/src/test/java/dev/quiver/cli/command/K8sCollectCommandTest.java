package dev.quiver.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.cli.ExitCode;
import dev.quiver.cli.Main;
import dev.quiver.cli.report.ReportKind;
import dev.quiver.cli.report.ShardReport;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.Workload;
import dev.quiver.core.shard.Shard;
import dev.quiver.k8s.ShardJob;
import dev.quiver.k8s.ShardJobSpec;
import dev.quiver.server.ReferenceServers;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.tcp.ServerConfig;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code quiver k8s collect} as typed, against fabric8's mock API server in CRUD mode (the client
 * configured as kubectl's would be, by system properties): real shards' reports in the pods' logs,
 * one pod failed without a report; the merged report holds the others and exit 8 says one is missing.
 */
@Timeout(180)
@EnableKubernetesMockClient(crud = true, https = false)
class K8sCollectCommandTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "load";
    private static ReferenceServers servers;
    private static final List<RunResult> RUNS = new ArrayList<>();

    @BeforeAll
    static void threeShardsRunAgainstTheEmbeddedServer() throws Exception {
        servers = ReferenceServers.start(ServerConfig.builder().tlsPort(0).plainPort(0).build(), Http3ServerConfig.builder(), false);
        Target target = Target.parse("http://127.0.0.1:" + servers.plainPort() + "/");
        for (int i = 0; i < 3; i++) {
            RunSpec spec = new RunSpec(target, Protocol.HTTP_1_1, false, RequestTemplate.get(),
                    new Workload(2, 1, 300 + i, null, 0, Duration.ofSeconds(10)), Duration.ofSeconds(5), 1, Duration.ofSeconds(1));
            RUNS.add(new Scheduler(spec, Engines.find(Protocol.HTTP_1_1, null).orElseThrow(), null).run());
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private record Out(int exit, String stdout, String stderr) {
    }

    private static Out collect(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        List<String> props = List.of("kubernetes.master", "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount",
                "kubernetes.namespace");
        try {
            System.setProperty("kubernetes.master", client.getConfiguration().getMasterUrl());
            System.setProperty("kubernetes.auth.tryKubeConfig", "false");
            System.setProperty("kubernetes.auth.tryServiceAccount", "false");
            System.setProperty("kubernetes.namespace", NS);
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Out(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            props.forEach(System::clearProperty);
        }
    }

    private static void pod(String job, int index, String phase, String log) {
        String name = job + "-" + index + "-x" + index;
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(ShardJob.RUN_LABEL, job).addToAnnotations(ShardJob.INDEX_ANNOTATION, Integer.toString(index)).endMetadata()
                .withNewSpec().addNewContainer().withName("quiver").withImage("quiver:dev").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build()).create();
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + name + "/log?pretty=false").andReturn(200, log).always();
    }

    @Test
    void mergesTheShardsThatLeftAReportAndSaysWhichDidNot() throws Exception {
        String job = "quiver-run-7";
        client.batch().v1().jobs().inNamespace(NS).resource(ShardJob.build(new ShardJobSpec(job, NS, "quiver:dev", 4,
                List.of("http://svc.test/"), Instant.now(), null, null, false))).create();
        long total = 0;
        for (int i = 0; i < 3; i++) {
            RunResult r = RUNS.get(i);
            total += r.requests().total();
            String report = ShardReport.run(ReportKind.RUN, new Shard(i, 4), null).json().render(r);
            pod(job, i, "Succeeded", "quiver: a line on stderr first\n" + report);
        }
        pod(job, 3, "Failed", "quiver: target unreachable: http://svc.test/: connect: refused\n");

        Out out = collect("k8s", "collect", job, "--json");

        assertEquals(ExitCode.SHARDS_INCOMPLETE, out.exit(), out.stderr());
        JsonNode m = new ObjectMapper().readTree(out.stdout());
        assertEquals(total, m.at("/requests/total").asLong());
        assertEquals(3, m.at("/shards/count").asInt());
        assertEquals("pod quiver-run-7-0-x0", m.at("/shards/parts/0/from").asText());
        assertEquals(List.of(0, 1, 2), List.of(m.at("/shards/parts/0/index").asInt(), m.at("/shards/parts/1/index").asInt(),
                m.at("/shards/parts/2/index").asInt()));
        assertTrue(m.at("/shards/problems/0").asText().contains("missing [3]"), m.at("/shards/problems").toString());
        long opened = 0;
        for (RunResult r : RUNS) {
            opened += r.streams().opened();
        }
        assertEquals(opened, m.at("/streams/opened").asLong());
        assertTrue(out.stderr().contains("quiver: shard 3: pod quiver-run-7-3-x3 failed"), out.stderr());
        assertTrue(out.stderr().contains("quiver: shard 3: pod quiver-run-7-3-x3 left no complete report in its log"), out.stderr());
        assertTrue(out.stderr().contains("quiver: merged 3 of 4 shards"), out.stderr());
    }

    @Test
    void thresholdsAreJudgedOnTheMergedShards() throws Exception {
        String job = "quiver-run-8";
        client.batch().v1().jobs().inNamespace(NS).resource(ShardJob.build(new ShardJobSpec(job, NS, "quiver:dev", 3,
                List.of("http://svc.test/"), Instant.now(), null, null, false))).create();
        for (int i = 0; i < 3; i++) {
            pod(job, i, "Succeeded", ShardReport.run(ReportKind.RUN, new Shard(i, 3), null).json().render(RUNS.get(i)));
        }
        Out passing = collect("k8s", "collect", job, "--json", "--threshold", "errors<1");
        assertEquals(ExitCode.OK, passing.exit(), passing.stderr());
        JsonNode t = new ObjectMapper().readTree(passing.stdout()).get("thresholds");
        assertTrue(t.get("passed").asBoolean(), t.toString());

        Out failing = collect("k8s", "collect", job, "--threshold", "rps>1000000000");
        assertEquals(ExitCode.THRESHOLD_FAILED, failing.exit(), failing.stderr());
        assertTrue(failing.stderr().contains("quiver: threshold failed: rps>1000000000"), failing.stderr());
    }

    @Test
    void noSuchJobIsExit2InOneLine() {
        Out out = collect("k8s", "collect", "quiver-run-none");
        assertEquals(ExitCode.USAGE, out.exit(), out.stderr());
        assertEquals("quiver: no Job quiver-run-none in namespace load\n", out.stderr().replace("\r", ""));
        assertTrue(out.stdout().isEmpty());
    }
}
