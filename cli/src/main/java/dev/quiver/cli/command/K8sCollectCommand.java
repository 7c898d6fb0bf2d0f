package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.UsageException;
import dev.quiver.cli.merge.MergedRun;
import dev.quiver.cli.merge.ShardFile;
import dev.quiver.cli.options.ThresholdOptions;
import dev.quiver.cli.report.ReportOutput;
import dev.quiver.core.threshold.Threshold;
import dev.quiver.k8s.PodReport;
import dev.quiver.k8s.ShardCollector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver k8s collect NAME}: the shards' reports of a Job, read through the Kubernetes API and merged. */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read each shard's report from its pod's log through the Kubernetes API (kubeconfig or in-cluster "
                + "account, as kubectl finds them), merge them as 'quiver merge' does, and say which shards' pods "
                + "failed, are missing or left no report (exit 8; the others are merged).")
public final class K8sCollectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The Job's name (as 'quiver k8s job' printed it).")
    String name;

    @Option(names = "--namespace", paramLabel = "NS", description = "The Job's namespace. Default: the client configuration's, else default.")
    String namespace;

    @Option(names = "--json", description = "Print the merged report as JSON on stdout (a run's keys, plus shards).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the merged report as a self-contained HTML page.")
    Path html;

    /** Judged on the merged report, as {@code merge} does. */
    @Mixin
    ThresholdOptions thresholds;

    @Override
    public Integer call() {
        List<Threshold> judged = thresholds.thresholds();
        if (thresholds.abort()) {
            throw new UsageException("--threshold-abort ends a running load early; collect judges finished runs (use --threshold alone)");
        }
        if (html != null) {
            ReportOutput.checkWritable(html);
        }
        ShardCollector.Collected collected;
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
            collected = new ShardCollector(client).collect(ns, name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (KubernetesClientException e) {
            System.err.println("quiver: cannot read Job " + name + " through the Kubernetes API: " + oneLine(e));
            return ExitCode.UNREACHABLE;
        }
        List<String> problems = new ArrayList<>(collected.problems());
        List<ShardFile> parts = new ArrayList<>();
        for (PodReport r : collected.reports()) {
            try {
                parts.add(ShardFile.parse("pod " + r.pod(), r.report()));
            } catch (UsageException e) {
                problems.add("shard " + r.index() + ": " + e.getMessage());
            }
        }
        for (String p : problems) {
            System.err.println("quiver: " + p);
        }
        if (parts.isEmpty()) {
            System.err.println("quiver: none of the " + collected.shards() + " shards of " + name + " left a report");
            return ExitCode.SHARDS_INCOMPLETE;
        }
        int exit = MergeCommand.report(MergedRun.of(parts), judged, json, html, System.out, System.err);
        // Thresholds judged on some of the shards say little: the missing shards outrank them.
        if ((exit == ExitCode.OK || exit == ExitCode.THRESHOLD_FAILED) && !problems.isEmpty()) {
            System.err.println("quiver: merged " + parts.size() + " of " + collected.shards() + " shards");
            return ExitCode.SHARDS_INCOMPLETE;
        }
        return exit;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
            m += ": " + cause.getMessage();
        }
        return m.replaceAll("\\s+", " ").trim();
    }
}
